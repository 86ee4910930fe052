"""A software authenticator for the tests: it answers WebAuthn's registration (attestation
"none") and authentication ceremonies as a passkey would, per the WebAuthn Level 2 spec, with
an EC P-256 key (ES256).

It reads the options the server sends (as a browser passes them on) and returns what the
browser would post back (the JSON of ``PublicKeyCredential.toJSON()``).
"""

import hashlib
import json
import secrets
import struct
from base64 import urlsafe_b64decode, urlsafe_b64encode

import cbor2
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

# Authenticator data flags (WebAuthn §6.1).
USER_PRESENT, USER_VERIFIED, ATTESTED_CREDENTIAL_DATA = 0x01, 0x04, 0x40
# COSE (RFC 9053): an EC2 key on P-256 for ES256.
COSE_KTY, COSE_ALG, COSE_CRV, COSE_X, COSE_Y = 1, 3, -1, -2, -3
EC2, ES256, P256 = 2, -7, 1


def b64url(data):
    return urlsafe_b64encode(data).rstrip(b"=").decode()


def from_b64url(text):
    return urlsafe_b64decode(text + "=" * (-len(text) % 4))


class SoftwareAuthenticator:
    """One passkey: a key pair and a credential id, for one relying party and origin."""

    def __init__(self, rp_id, origin):
        self.rp_id, self.origin = rp_id, origin
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.credential_id = secrets.token_bytes(32)
        self.sign_count = 0
        self.user_handle = None

    def cose_public_key(self):
        numbers = self.key.public_key().public_numbers()
        return cbor2.dumps(
            {
                COSE_KTY: EC2,
                COSE_ALG: ES256,
                COSE_CRV: P256,
                COSE_X: numbers.x.to_bytes(32, "big"),
                COSE_Y: numbers.y.to_bytes(32, "big"),
            }
        )

    def client_data(self, kind, options, origin=None):
        return json.dumps(
            {
                "type": kind,
                "challenge": options["challenge"],
                "origin": origin or self.origin,
                "crossOrigin": False,
            }
        ).encode()

    def authenticator_data(self, flags, rp_id=None, attested=b""):
        rp_id_hash = hashlib.sha256((rp_id or self.rp_id).encode()).digest()
        return rp_id_hash + bytes([flags]) + struct.pack(">I", self.sign_count) + attested

    def register(self, options):
        """Make the credential the registration options ask for; return the browser's post."""
        assert options["rp"]["id"] == self.rp_id
        assert any(p["alg"] == ES256 for p in options["pubKeyCredParams"])
        self.user_handle = from_b64url(options["user"]["id"])
        attested = (
            bytes(16)  # AAGUID: none, as attestation "none" allows
            + struct.pack(">H", len(self.credential_id))
            + self.credential_id
            + self.cose_public_key()
        )
        flags = USER_PRESENT | USER_VERIFIED | ATTESTED_CREDENTIAL_DATA
        attestation = cbor2.dumps(
            {
                "fmt": "none",
                "attStmt": {},
                "authData": self.authenticator_data(flags, None, attested),
            }
        )
        return {
            "id": b64url(self.credential_id),
            "rawId": b64url(self.credential_id),
            "type": "public-key",
            "response": {
                "clientDataJSON": b64url(self.client_data("webauthn.create", options)),
                "attestationObject": b64url(attestation),
                "transports": ["internal"],
            },
            "authenticatorAttachment": "platform",
            "clientExtensionResults": {"credProps": {"rk": True}},
        }

    def assert_(self, options, *, origin=None, rp_id=None, tamper=False):
        """Sign the authentication challenge; return the browser's post.

        ``tamper`` spoils the signature after signing, as a forged answer would be.
        """
        self.sign_count += 1
        data = self.authenticator_data(USER_PRESENT | USER_VERIFIED, rp_id)
        client_data = self.client_data("webauthn.get", options, origin)
        signature = self.key.sign(
            data + hashlib.sha256(client_data).digest(), ec.ECDSA(hashes.SHA256())
        )
        if tamper:
            signature = signature[:-1] + bytes([signature[-1] ^ 0x01])
        return {
            "id": b64url(self.credential_id),
            "rawId": b64url(self.credential_id),
            "type": "public-key",
            "response": {
                "clientDataJSON": b64url(client_data),
                "authenticatorData": b64url(data),
                "signature": b64url(signature),
                "userHandle": b64url(self.user_handle) if self.user_handle else None,
            },
            "authenticatorAttachment": "platform",
            "clientExtensionResults": {},
        }
