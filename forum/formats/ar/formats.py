"""Arabic date and time formats as the public pages write them.

Django's own Arabic formats leave DATETIME_FORMAT to the English default
("N j, Y, P": "ديسمبر 1, 2026, 1:03 ص") and write times on a 12-hour clock.
The admin shows dates only through these named formats, so here they read
as on the public site: day, month (the Iraqi names, forum/months.py), year,
the Arabic comma, a 24-hour time. What is not set here (number separators,
input formats) stays Django's (FORMAT_MODULE_PATH is read first, Django's
module after it).
"""

DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y، H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "j/n/Y"
SHORT_DATETIME_FORMAT = "j/n/Y، H:i"
