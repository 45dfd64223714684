"""``loket-pbi demo``: a realistic practice office, built only through the officers' own core functions.

:func:`build_demo` fills an empty data folder with Dinas Sosial Kota Pangkalpinang (profile, emblem and
the signatories of every letter), one or more users for every role, a DTSEN extract imported through
:func:`app.services.dtsen.import_file`, and a few hundred cases across the five services spread over
the last three months — just opened, waiting at every step, returned for revision, refused with
reasons, completed with their letters issued, urgent, overdue, jamkesda ranked within and beyond the
quota — plus complaints, satisfaction surveys and last month's closed collective batches.

Every row is written by the same functions an officer's actions call (open_case, advance, paraf,
return_for_revision, reject, issue_document, rank_period, close_batch, …); nothing is inserted
directly. The cases are played as one chronological simulation (a heap of per-case generators), so
registration numbers, step logs and the jamkesda ranking rounds follow the calendar. Everything is
drawn from one seeded random generator: the same seed and the same ``now`` give the same office.

Cases move only on the office's working days and hours: the one work calendar of the SLAs
(:class:`app.rules.sla.WorkCalendar`, public holidays and the office's extra days), through
:mod:`app.demo.clock`. Modules: ``staff`` (people and words), ``people`` (applicants), ``plans`` (who comes
when), ``simulation`` (the case flows), ``extras`` (complaints, surveys, batches), ``build`` (the whole).
"""

from app.demo.build import DemoResult, build_demo, default_data_dir
from app.demo.staff import DEMO_PASSWORD, STAFF

__all__ = ["DEMO_PASSWORD", "STAFF", "DemoResult", "build_demo", "default_data_dir"]
