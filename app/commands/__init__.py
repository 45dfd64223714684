"""Command-line subcommands. Each module has ``register(subparsers)``; see ``app.cli``."""
