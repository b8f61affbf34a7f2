"""RFC 6238 time-based one-time passwords (SHA-1, 6 digits, 30 s) through pyotp."""

import hmac

import pyotp

STEP_SECONDS = 30
DIGITS = 6


def new_secret():
    """A random 160-bit secret, base32 without padding (what authenticator apps expect)."""
    return pyotp.random_base32()


def _totp(secret, digits=DIGITS):
    """pyotp's generator for a base32 secret (spaces and case forgiven)."""
    return pyotp.TOTP(secret.replace(" ", "").upper(), digits=digits, interval=STEP_SECONDS)


def totp(secret, unix_time, digits=DIGITS):
    """The code a base32 secret gives at `unix_time` (seconds)."""
    return _totp(secret, digits).at(int(unix_time))


def matching_step(secret, code, unix_time, window=1):
    """The time step `code` is valid for at `unix_time` (`window` steps of drift either way), or None.

    pyotp's verify() says only yes or no; the step is what lets a used code be refused a second time.
    """
    code = (code or "").replace(" ", "")
    if not (code.isdigit() and len(code) == DIGITS):
        return None
    generator, counter = _totp(secret), int(unix_time) // STEP_SECONDS
    matches = [step for step in range(counter - window, counter + window + 1)
               if hmac.compare_digest(generator.generate_otp(step), code)]
    return matches[-1] if matches else None


def verify(secret, code, unix_time, window=1):
    """Whether `code` is valid at `unix_time` (does not remember it: see users.use_totp_step)."""
    return matching_step(secret, code, unix_time, window) is not None


def provisioning_uri(secret, account, issuer):
    """The otpauth:// URI authenticator apps read (typed in or from a QR code)."""
    return _totp(secret).provisioning_uri(name=account, issuer_name=issuer)
