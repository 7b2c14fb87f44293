"""Russian numerals and the plural of «лист» for the certification sheet."""
import pytest
from num2words import num2words

from odoo.addons.school_ejournal.tools.number_words import (
    certification_text, number_in_words, sheets_phrase, sheets_word)

CASES = [
    (1, "1 (один) лист"),
    (2, "2 (два) листа"),
    (4, "4 (четыре) листа"),
    (5, "5 (пять) листов"),
    (11, "11 (одиннадцать) листов"),
    (21, "21 (двадцать один) лист"),
    (22, "22 (двадцать два) листа"),
    (25, "25 (двадцать пять) листов"),
    (101, "101 (сто один) лист"),
    (111, "111 (сто одиннадцать) листов"),
    (121, "121 (сто двадцать один) лист"),
]


@pytest.mark.parametrize("number,phrase", CASES)
def test_sheets_phrase(number, phrase):
    assert sheets_phrase(number) == phrase


def test_plural_teens_and_zero():
    assert [sheets_word(n) for n in (0, 12, 13, 14, 15, 20, 112, 114, 1011)] == ["листов"] * 9
    assert [sheets_word(n) for n in (3, 23, 34, 102, 1002)] == ["листа"] * 5
    assert [sheets_word(n) for n in (31, 1001, 10001)] == ["лист"] * 3


def test_certification_sentence():
    assert certification_text(47) == "Прошито, пронумеровано и скреплено печатью 47 (сорок семь) листов."


def test_words_agree_with_num2words():
    """Our masculine words equal num2words' Russian for every count up to 2500."""
    for number in range(0, 2501):
        assert number_in_words(number) == num2words(number, lang="ru"), number


def test_thousands_feminine():
    assert number_in_words(1001) == "одна тысяча один"
    assert number_in_words(2000) == "две тысячи"
    assert number_in_words(5000) == "пять тысяч"
    with pytest.raises(ValueError):
        number_in_words(-1)
