# One way of writing dates per language, on every page and in every email: "2 December 2026", "2 December 2026,
# 14:05". The short forms are the same, so that no template can write a date another way.
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
