"""Russian words agreed with the person they are said of."""
from .translate import _


def is_woman(name):
    """True/False from a Russian patronymic (…вна, …чна, …кызы / …вич, …ич,
    …оглы), the last word of «Фамилия Имя Отчество»; None when there is none."""
    words = (name or "").split()
    last = words[-1].lower() if len(words) >= 3 else ""
    if last.endswith(("вна", "чна", "кызы")):
        return True
    if last.endswith(("ич", "оглы")):
        return False
    return None


def never_visited(name):
    """«не заходил» agreed with the person it is said of."""
    woman = is_woman(name)
    if woman is None:
        return _("never logged in")
    return _("she never logged in") if woman else _("he never logged in")
