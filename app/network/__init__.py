"""Kelurahan and Dinas as one network, offline first (SPEC §8).

An office is a Dinas Sosial or a kelurahan/desa post (:mod:`identity`). A kelurahan is enrolled to its
Dinas with files (:mod:`enrolment`); each office keeps its own private keys (:mod:`keys`). Offices exchange
packages (:mod:`envelope`: signed with Ed25519, then encrypted to the receiver; :mod:`outgoing` builds them,
:mod:`incoming` applies them), numbered per sender→receiver pair, idempotent and refused on a gap. A case has
one owner at a time (:mod:`guard`, called by the workflow engine). Packages travel by folder, USB stick,
cloud-synced folder or HTTPS (:mod:`transports`), an inbox folder is watched (:mod:`watcher`), and
:mod:`exchange` ties it together for the command line and the window.
"""
