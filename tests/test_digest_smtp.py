"""`digest --send` over STARTTLS and implicit TLS, with LOGIN, to a real aiosmtpd on 127.0.0.1.

The server's certificate is made here (cryptography), self-signed for
127.0.0.1; the client trusts it through PAPERBOARD_SMTP_CAFILE, as a board
whose SMTP server has its own CA would. A wrong password, and a certificate
the client does not trust, are one line each.
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import ipaddress
import socket
import ssl
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from click.testing import CliRunner, Result
from conftest import Project
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from generator.cli import main

USER, PASSWORD = "board", "s3cret pass"


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 and its key, as PEM files."""
    folder = tmp_path_factory.mktemp("tls")
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = folder / "cert.pem", folder / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_file, key_file


class Keep:
    """The aiosmtpd handler: every message received, and who logged in."""

    def __init__(self) -> None:
        self.received: list[bytes] = []
        self.logins: list[tuple[bool, bytes]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.received.append(envelope.content)
        self.logins.append((session.authenticated, session.auth_data))  # who sent it
        return "250 OK"


class Logins:
    """The aiosmtpd authenticator: accepts USER with PASSWORD, and keeps every attempt."""

    def __init__(self) -> None:
        self.tried: list[tuple[str, bytes, bool]] = []

    def __call__(
        self, server: Any, session: Any, envelope: Any, mechanism: str, data: Any
    ) -> AuthResult:
        assert isinstance(data, LoginPassword)
        ok = (data.login, data.password) == (USER.encode(), PASSWORD.encode())
        self.tried.append((mechanism, data.login, ok))
        return AuthResult(success=ok, handled=False, auth_data=data.login if ok else None)


def free_port() -> int:
    with socket.socket() as probe:  # aiosmtpd checks its port by connecting, so not port 0
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(params=["starttls", "ssl"])
def server(
    request: pytest.FixtureRequest, certificate: tuple[Path, Path]
) -> Iterator[dict[str, Any]]:
    """A real SMTP server that wants TLS (STARTTLS or from the first byte) and a LOGIN."""
    mode: str = request.param
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(*map(str, certificate))
    keep, logins, port = Keep(), Logins(), free_port()
    # aiosmtpd counts only STARTTLS as TLS when it decides to offer AUTH; under
    # ssl_context the connection is TLS from its first byte, so it need not ask.
    tls: dict[str, Any] = (
        {"tls_context": context, "require_starttls": True, "auth_require_tls": True}
        if mode == "starttls"
        else {"ssl_context": context, "auth_require_tls": False}
    )
    controller = Controller(
        keep,
        hostname="127.0.0.1",
        port=port,
        authenticator=logins,
        auth_exclude_mechanism=["PLAIN", "CRAM-MD5"],
        **tls,
    )
    controller.start()
    env = {
        "PAPERBOARD_SMTP_HOST": "127.0.0.1",
        "PAPERBOARD_SMTP_PORT": str(port),
        "PAPERBOARD_SMTP_TLS": mode,
        "PAPERBOARD_SMTP_USER": USER,
        "PAPERBOARD_SMTP_PASSWORD": PASSWORD,
        "PAPERBOARD_SMTP_CAFILE": str(certificate[0]),
    }
    try:
        yield {"mode": mode, "keep": keep, "logins": logins, "env": env}
    finally:
        controller.stop()


@pytest.fixture
def board(project: Project) -> Project:
    project.write(
        "paperboard.toml",
        'base_url = "https://example.org/board/"\n'
        '[digest]\nsender = "board@example.org"\nrecipients = "a@example.org"\n',
    )
    project.paper("high", "Many Votes", extra="listed: 2025-03-21\nupvotes: 40\n")
    return project


def send(project: Project, env: dict[str, str]) -> Result:
    args = ["digest", "--latest", "--send", "--source", str(project.root)]
    result = CliRunner().invoke(main, args, env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def test_send_logs_in_over_tls_and_delivers(board: Project, server: dict[str, Any]) -> None:
    result = send(board, server["env"])

    assert result.exit_code == 0, result.output
    assert "sent to a@example.org" in result.stdout
    [data] = server["keep"].received
    assert server["logins"].tried == [("LOGIN", USER.encode(), True)]
    assert server["keep"].logins == [(True, USER.encode())]
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert message.get_content_type() == "multipart/alternative"
    assert message["Subject"] == "Paperboard: papers of 21 March 2025"


def test_a_wrong_password_is_one_line(board: Project, server: dict[str, Any]) -> None:
    result = send(board, {**server["env"], "PAPERBOARD_SMTP_PASSWORD": "wrong"})

    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert f"refused the login of '{USER}': 535" in lines[0]
    assert "check PAPERBOARD_SMTP_USER and PAPERBOARD_SMTP_PASSWORD" in lines[0]
    assert "wrong" not in lines[0]
    assert server["logins"].tried == [("LOGIN", USER.encode(), False)]
    assert server["keep"].received == []


def test_an_untrusted_certificate_is_one_line(board: Project, server: dict[str, Any]) -> None:
    env = {k: v for k, v in server["env"].items() if k != "PAPERBOARD_SMTP_CAFILE"}
    result = send(board, env)

    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "CERTIFICATE_VERIFY_FAILED" in lines[0], result.stderr
    assert f"({server['mode']})" in lines[0]
    assert server["keep"].received == []


def test_a_cafile_that_is_missing_is_one_line(board: Project, tmp_path: Path) -> None:
    env = {"PAPERBOARD_SMTP_HOST": "127.0.0.1", "PAPERBOARD_SMTP_CAFILE": str(tmp_path / "no.pem")}
    result = send(board, env)

    assert result.exit_code == 1
    assert result.stderr.strip().endswith(
        "is not a file (give the path of a PEM file, or unset it to trust the system's "
        "certificates)"
    )
