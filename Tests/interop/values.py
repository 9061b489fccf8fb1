"""Values that are easy to get wrong in pottery's storage encoding (SPEC 8.1)."""

TRICKY = [
    "jack", "02139", "4098", "", " leading and trailing ", "quote \" and backslash \\",
    "slash / stays", "tab\tnew\nline\rcr", "\b\f", "\x00\x01\x1f", "\x7f DEL", "café", "é and e\u0301",
    "日本語", "😀 astral", "\U0010ffff", "\ud800 lone", "a\u2028b",
    0, 1, -1, 4098, 2**63 - 1, 2**63, 2**64 + 1, -(2**70), 10**30,
    0.0, -0.0, 1.5, 0.1, 1e-05, 0.0001, 1e16, 1000000000000000.0, 2.5e-07, 5e-324,
    1.7976931348623157e308, 123456789.123456789, float("inf"), float("-inf"),
    True, False, None,
    [], {}, [1, "two", 3.0, None, [True]], {"b": 1, "a": [1, 2, {"z": None, "y": "é"}]},
    {"é": 1, "e": 2, "z": 3, "A": 4, "😀": 5, "\uffff": 6},
    {"nested": {"deeper": {"deepest": [{"k": "v"}]}}},
]

# What a dict may use as keys: Python requires hashable keys.
HASHABLE = [v for v in TRICKY if not isinstance(v, (list, dict))]
