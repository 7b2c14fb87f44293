"""СНИЛС (insurance number of a pupil): checksum, canonical form, demo numbers."""
import re

from .translate import _
from odoo.exceptions import ValidationError


def snils_control(digits9):
    """Control number of a SNILS from its first nine digits (Pension Fund rule):
    Σ digit·weight with weights 9..1; below 100 it is the sum itself, 100 and
    101 give 00, above that the remainder mod 101 (again 100 → 00)."""
    total = sum(int(d) * w for d, w in zip(digits9, range(9, 0, -1)))
    if total < 100:
        return total
    if total in (100, 101):
        return 0
    rest = total % 101
    return 0 if rest == 100 else rest


def format_snils(digits11):
    return "%s-%s-%s %s" % (digits11[:3], digits11[3:6], digits11[6:9], digits11[9:])


def random_snils(rng, used):
    """A valid, unused СНИЛС drawn from ``rng`` (demo and benchmark schools):
    no digit three times in a row, which normalize_snils refuses."""
    while True:
        digits = "%09d" % rng.randint(10000000, 199999999)
        if any(digits[i] == digits[i + 1] == digits[i + 2] for i in range(7)) or digits in used:
            continue
        used.add(digits)
        return format_snils("%s%02d" % (digits, snils_control(digits)))


def normalize_snils(value):
    """Canonical «123-456-789 01» or a ValidationError saying what is wrong."""
    digits = re.sub(r"[\s\-]", "", value or "")
    if not re.match(r"^\d{11}$", digits):
        raise ValidationError(_("SNILS “%s” must consist of 11 digits in the format 123-456-789 01.") % value)
    number, control = digits[:9], int(digits[9:])
    # No digit three times in a row, for every number (this also rules out
    # 000-000-000 and every number beginning 000); numbers up to 001-001-998 were issued
    # without a checksum, so only the numbers above it are checked against it.
    if re.search(r"(\d)\1\1", number):
        raise ValidationError(_("SNILS “%s” is invalid: a digit cannot appear three times in a row.") % value)
    if int(number) > 1001998:
        if snils_control(number) != control:
            raise ValidationError(_("SNILS “%s” is invalid: the check number does not match.") % value)
    return format_snils(digits)
