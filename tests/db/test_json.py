"""The engines' JSON codec: orjson, and the standard library for what orjson refuses."""

from __future__ import annotations

import math

from flowline.db.types import dump_json, load_json


def test_values_encode_compactly_and_decode_to_the_same() -> None:
    value = {"a": [1, 2.5, None, True], "b": {"c": "é ✓"}, "d": ""}
    assert dump_json(value) == '{"a":[1,2.5,null,true],"b":{"c":"é ✓"},"d":""}'
    assert load_json(dump_json(value)) == value
    assert load_json(dump_json(value).encode()) == value


def test_what_orjson_refuses_goes_through_the_standard_library() -> None:
    big = {"n": 2**70, 3: "int key"}
    assert load_json(dump_json(big)) == {"n": 2**70, "3": "int key"}
    assert math.isnan(load_json('{"x": NaN}')["x"])
