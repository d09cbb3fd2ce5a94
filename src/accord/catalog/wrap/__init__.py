"""How gettext wraps a quoted string: escapes, format directives, UAX #14."""
