"""Pure rules: functions of data and settings, no database, no Qt."""
