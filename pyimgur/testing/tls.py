"""A throw-away self-signed certificate for the loopback HTTPS server.

Made with the ``openssl`` command line when it is installed (it is on CI),
else with the ``cryptography`` package when importable; otherwise
:func:`make_certificate` raises a :class:`RuntimeError` that says so.  The
certificate names ``127.0.0.1`` and ``localhost`` and lasts two days; clients
trust it with ``verify=<cert path>``.
"""

from __future__ import annotations

import datetime
import ipaddress
import os
import shutil
import subprocess
from typing import Any

_SUBJECT_ALT = "subjectAltName=IP:127.0.0.1,DNS:localhost"


def available() -> str:
    """Which generator :func:`make_certificate` will use: ``openssl``,
    ``cryptography`` or ``""`` (none)."""
    if shutil.which("openssl"):
        return "openssl"
    try:
        import cryptography  # noqa: F401
    except ImportError:
        return ""
    return "cryptography"


def make_certificate(directory: str) -> tuple[str, str]:
    """Write ``cert.pem`` and ``key.pem`` into ``directory``; return their paths."""
    cert = os.path.join(directory, "cert.pem")
    key = os.path.join(directory, "key.pem")
    tool = available()
    if tool == "openssl":
        _with_openssl(cert, key)
    elif tool == "cryptography":
        _with_cryptography(cert, key)
    else:
        raise RuntimeError(
            "HTTPS needs a certificate: install the openssl command line tool or the "
            "'cryptography' package, or serve plain HTTP (https=False)"
        )
    return cert, key


def _with_openssl(cert: str, key: str) -> None:
    command = [
        shutil.which("openssl") or "openssl", "req", "-x509", "-newkey", "ec",
        "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
        "-subj", "/CN=127.0.0.1", "-addext", _SUBJECT_ALT, "-keyout", key, "-out", cert,
    ]
    done = subprocess.run(command, capture_output=True, timeout=60, check=False)  # noqa: S603
    if done.returncode != 0 or not os.path.exists(cert):
        message = done.stderr.decode("utf-8", "replace").strip()[-300:]
        raise RuntimeError(f"openssl could not make a certificate: {message}")


def _with_cryptography(cert: str, key: str) -> None:
    # (cryptography is optional: mypy may not find it)
    from cryptography import x509  # type: ignore[import-not-found,unused-ignore]
    from cryptography.hazmat.primitives import (  # type: ignore[import-not-found,unused-ignore]
        hashes,
        serialization,
    )
    from cryptography.hazmat.primitives.asymmetric import (  # type: ignore[import-not-found,unused-ignore]
        ec,
    )
    from cryptography.x509.oid import NameOID  # type: ignore[import-not-found,unused-ignore]

    private: Any = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.timezone.utc)
    alt = x509.SubjectAlternativeName(
        [x509.IPAddress(ipaddress.ip_address("127.0.0.1")), x509.DNSName("localhost")]
    )
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(private.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=2))
        .add_extension(alt, critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(private, hashes.SHA256())
    )
    with open(key, "wb") as handle:
        handle.write(private.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    with open(cert, "wb") as handle:
        handle.write(certificate.public_bytes(serialization.Encoding.PEM))
