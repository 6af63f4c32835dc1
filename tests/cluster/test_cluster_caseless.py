"""Story features for scripts without letter case (Arabic) or without spaces (Chinese): names meet across
scripts through their consonant skeleton, Chinese text gets character-pair words and character shingles."""

from __future__ import annotations

from framescope.cluster import cluster
from framescope.cluster.features import content_words, keys_of, signature, skeleton
from framescope.models import Article


def test_one_name_in_four_scripts_has_one_skeleton() -> None:
    # an invented surname, written as each script would transliterate it
    forms = ["Varkonesku", "Варконеску", "فاركونيسكو", "瓦尔科内斯库"]
    skeletons = {skeleton(f) for f in forms[:3]}
    assert skeletons == {"frknsk"}
    assert "s:frknsk" in keys_of("Talks with Varkonesku ended.") & keys_of("التقى الوزير فاركونيسكو أمس")


def test_arabic_definite_article_is_not_part_of_the_name() -> None:
    assert "s:mrdn" in keys_of("وصل الوفد إلى المريدان صباحا") & keys_of("The delegation reached Meridan.")


def test_arabic_indic_and_full_width_digits_are_numbers() -> None:
    assert "n:2024" in keys_of("في عام ٢٠٢٤") & keys_of("２０２４年") & keys_of("in 2024")


def test_english_keys_keep_their_name_and_number_keys() -> None:
    keys = keys_of("The minister met Ilsa Varkon in Velmora on Tuesday with 140 delegates.")
    assert {"p:ilsa", "p:varko", "p:velmo", "n:140"} <= keys
    assert {k for k in keys if k.startswith("s:")} == {"s:frkn", "s:flmr"}


def test_chinese_text_gets_character_pair_words() -> None:
    words = content_words("港口城市扩建新码头")
    assert words[:3] == ["港口", "口城", "城市"]
    assert len(words) == 8


def test_chinese_near_copies_are_near_duplicates() -> None:
    a = "港口城市周二开放了新的码头。市长表示，码头每年可处理三百万个集装箱。工程历时四年。"
    b = "港口城市周二开放了新的码头。市长说，码头每年可处理三百万个集装箱。工程历时四年。"
    other = "山区的农民今年获得了苹果大丰收，合作社表示产量创下纪录，价格可能下降。"
    sa, sb, so = (signature(t)[0] for t in (a, b, other))
    assert sa.jaccard(sb) > 0.5
    assert sa.jaccard(so) < 0.1


def test_chinese_reports_of_one_event_are_one_story() -> None:
    texts = {
        "a": "港口城市周二开放了新的码头。市长表示，码头每年可处理三百万个集装箱。工程历时四年，耗资十二亿元。",
        "b": "新码头周二在港口城市启用，市长称其每年可处理三百万个集装箱。该工程耗资十二亿元，历时四年。",
        "c": "山区的农民今年获得了苹果大丰收，合作社表示产量创下纪录，冬季市场开放前价格可能下降五分之一。",
    }
    arts = [Article(id=k, source=f"test://{k}", text=t, published="2024-05-14", language="zh") for k, t in texts.items()]
    groups = sorted(sorted(s.articles) for s in cluster(arts))
    assert groups == [["a", "b"], ["c"]]
