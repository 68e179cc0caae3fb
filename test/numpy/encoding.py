"""How the fixture generators write a float in JSON: a number, or 'nan' / 'inf' / '-inf' / '-0'
(JSON has none of them; replay.ts decodes the strings). One place for every generator here."""

import math


def enc_float(x):
    x = float(x)
    if math.isnan(x):
        return 'nan'
    if math.isinf(x):
        return 'inf' if x > 0 else '-inf'
    if x == 0 and math.copysign(1, x) < 0:
        return '-0'
    return x
