"""Whole numbers from URLs and query strings: ids in a shared link, a number
typed in a search box.

Anything can arrive there: `①` and superscripts (digits to str.isdigit, not
to int()), a number of five thousand digits (int() refuses those), or one
beyond any database id (PostgreSQL refuses it). None of them is an id, so
they are ignored, never an error page. Decimal digits of any script count
(٣ is 3, as int() reads it): an Arabic keyboard types them.
"""

# The largest value of a bigint (BigAutoField) column: no id is larger.
MAX_ID = 2**63 - 1
# Enough digits for MAX_ID; a longer string is not an id, whatever it says.
MAX_ID_DIGITS = len(str(MAX_ID))


def parse_id(text, maximum=MAX_ID):
    """'42' or '٤٢' -> 42; None for anything that is not a positive whole
    number up to `maximum` ('', '-1', '①', '4.2', '9' * 5000)."""
    text = (text or "").strip()
    # isdecimal(), not isdigit(): exactly the characters int() accepts.
    if not text.isdecimal() or len(text) > MAX_ID_DIGITS:
        return None
    number = int(text)
    return number if 0 < number <= maximum else None


def parse_ids(value, limit=300):
    """'3,1,x,2,3' -> [3, 1, 2]: distinct ids in the order given, at most `limit`."""
    ids = []
    for part in (value or "").split(","):
        number = parse_id(part)
        if number is not None and number not in ids:
            ids.append(number)
            if len(ids) == limit:
                break
    return ids
