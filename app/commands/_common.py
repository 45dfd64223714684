"""What every subcommand shares: opening the office and signing in from the command line."""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from app.context import Office, open_office
from app.rules.permissions import Actor

ENV_USER = "LOKET_PBI_USER"
ENV_PASSWORD = "LOKET_PBI_PASSWORD"


def add_auth_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--user", help=f"nama pengguna (atau variabel {ENV_USER})")
    parser.add_argument("--password-stdin", action="store_true",
                        help=f"baca kata sandi dari stdin (atau variabel {ENV_PASSWORD})")


def office_from(args: argparse.Namespace) -> Office:
    return open_office(getattr(args, "data_dir", None))


def sign_in(office: Office, args: argparse.Namespace) -> Actor:
    """Sign in the person running the command (password prompted unless given by env/stdin)."""
    from app.errors import ValidationError
    from app.services import users

    username = getattr(args, "user", None) or os.environ.get(ENV_USER)
    if not username:
        raise ValidationError(f"Sebutkan pengguna dengan --user NAMA (atau variabel {ENV_USER}).")
    password = os.environ.get(ENV_PASSWORD)
    if getattr(args, "password_stdin", False):
        password = sys.stdin.readline().rstrip("\n")
    if password is None:
        password = getpass.getpass(f"Kata sandi {username}: ")
    return users.login(office, username=username, password=password)


def out(text: str = "") -> None:
    print(text, flush=True)
