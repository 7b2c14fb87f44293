"""Russian numerals for the certification of the printed journal:
«Прошито, пронумеровано и скреплено печатью 47 (сорок семь) листов.»

Pure Python (no Odoo), so the rules are tested on their own. «лист» is
masculine: 1 → «один», 2 → «два»; «тысяча» is feminine: «одна тысяча»,
«две тысячи»."""

UNITS_M = ["", "один", "два", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять"]
UNITS_F = ["", "одна", "две", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять"]
TEENS = ["десять", "одиннадцать", "двенадцать", "тринадцать", "четырнадцать", "пятнадцать",
         "шестнадцать", "семнадцать", "восемнадцать", "девятнадцать"]
TENS = ["", "", "двадцать", "тридцать", "сорок", "пятьдесят", "шестьдесят", "семьдесят",
        "восемьдесят", "девяносто"]
HUNDREDS = ["", "сто", "двести", "триста", "четыреста", "пятьсот", "шестьсот", "семьсот",
            "восемьсот", "девятьсот"]


def plural_form(number, one, few, many):
    """The Russian plural for ``number``: 1, 21, 101 → ``one``; 2–4, 22–24 → ``few``;
    0, 5–20, 25–30, 111–114 → ``many`` (the last two digits 11–14 always take «many»)."""
    number = abs(int(number))
    if 11 <= number % 100 <= 14:
        return many
    last = number % 10
    if last == 1:
        return one
    if 2 <= last <= 4:
        return few
    return many


def sheet_count(pages, double_sided=False):
    """Physical sheets of ``pages`` printed pages: two pages a sheet when printed
    on both sides (7 → 4), one otherwise (7 → 7)."""
    pages = max(int(pages), 0)
    return (pages + 1) // 2 if double_sided else pages


def sheets_word(number):
    """лист / листа / листов for ``number`` sheets."""
    return plural_form(number, "лист", "листа", "листов")


def _triad(number, units):
    words = []
    hundreds, rest = divmod(number, 100)
    if hundreds:
        words.append(HUNDREDS[hundreds])
    if 10 <= rest <= 19:
        words.append(TEENS[rest - 10])
    else:
        tens, unit = divmod(rest, 10)
        if tens:
            words.append(TENS[tens])
        if unit:
            words.append(units[unit])
    return words


def number_in_words(number):
    """0 ≤ number < 1 000 000 in Russian words, masculine (as for «лист»)."""
    number = int(number)
    if number < 0 or number >= 1000000:
        raise ValueError("number out of range: %s" % number)
    if number == 0:
        return "ноль"
    thousands, rest = divmod(number, 1000)
    words = []
    if thousands:
        words += _triad(thousands, UNITS_F)
        words.append(plural_form(thousands, "тысяча", "тысячи", "тысяч"))
    words += _triad(rest, UNITS_M)
    return " ".join(words)


def sheets_phrase(number):
    """«47 (сорок семь) листов»"""
    return "%d (%s) %s" % (number, number_in_words(number), sheets_word(number))


def certification_text(number):
    return "Прошито, пронумеровано и скреплено печатью %s." % sheets_phrase(number)
