"""The workflow engine's parts that every service shares: the documents bound to steps (:mod:`.products`) and
the service-time clock (:mod:`.clock`). The service use cases (app/services/cases.py, case_letters.py) call
them; no service code appears here."""
