from pathways.core.check import check
from pathways.core.load import load_pack
from pathways.core.shipped_pack import shipped_rules_dir


def test_shipped_rules_load_without_problems() -> None:
    result = load_pack(shipped_rules_dir())
    assert check(result) == []
    assert result.graph is not None
