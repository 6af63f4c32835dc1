"""Story features for scripts without letter case (Arabic) or without spaces (Chinese): names meet across
scripts through their consonant skeleton, Chinese text gets character-pair words and character shingles."""

from __future__ import annotations

import pytest

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


def test_chinese_names_get_the_keys_of_their_english_form() -> None:
    keys = keys_of("越南总理周二在河内会见了特朗普。")
    assert {"p:vietn", "p:hanoi", "p:trump"} <= keys
    indonesia = keys_of("印度尼西亚发生地震。")
    assert "p:indon" in indonesia and "p:india" not in indonesia  # the longest name wins


def test_ordinary_chinese_words_are_not_read_as_names_spelled_by_sound() -> None:
    assert not {k for k in keys_of("山区的农民今年获得了大丰收，合作社表示产量创下纪录。") if k.startswith("s:")}
    assert {k for k in keys_of("泽连斯基周五发表讲话。") if k.startswith("s:")}  # Zelensky, spelled by sound


EN_SUMMIT = (
    "Vietnam and Cambodia signed a treaty on the Mekong river in Hanoi on Tuesday, after talks that lasted "
    "four days.\n\nUnder the treaty, the two countries will share data from their water stations and set up a "
    "joint commission.\n\nOfficials in Hanoi said the deal covers the whole of the river's lower course."
)
ZH_SUMMIT = (
    "越南和柬埔寨周二在河内签署了湄公河条约，此前双方进行了为期四天的会谈。\n\n根据条约，两国将共享水文站的数据，"
    "并成立联合委员会。\n\n河内官员表示，该协议涵盖整个下游河段。"
)
JA_SUMMIT = (
    "ベトナムとカンボジアは火曜日、ハノイでメコン川に関する条約に署名した。4日間の協議の後だった。\n\n"
    "条約により、両国は水位観測所のデータを共有し、合同委員会を設置する。\n\n"
    "ハノイの当局者は、合意が川の下流全体を対象としていると述べた。"
)
KO_SUMMIT = (
    "베트남과 캄보디아는 화요일 하노이에서 메콩강에 관한 조약에 서명했다. 나흘간의 협의 끝이었다.\n\n"
    "조약에 따라 두 나라는 수위 관측소의 자료를 공유하고 공동위원회를 설치한다.\n\n"
    "하노이 당국자들은 합의가 강 하류 전체를 대상으로 한다고 말했다."
)
EN_OTHER = (
    "Indonesia and Malaysia agreed in Jakarta on Tuesday to open two new border crossings on Borneo, officials "
    "said.\n\nThe crossings will open in March and handle 600 lorries a day.\n\nTraders in Jakarta welcomed "
    "the plan."
)


def test_japanese_names_get_the_keys_of_their_english_form() -> None:
    keys = keys_of("米国のトランプ大統領はワシントンでシリアについて語った。")
    assert {"p:unite", "p:trump", "p:washi", "p:syria"} <= keys
    assert "p:syria" not in keys_of("シリアルの値段が上がった。")  # Syria inside "serial" is not Syria


def test_korean_names_get_the_keys_of_their_english_form_with_or_without_their_particle() -> None:
    keys = keys_of("미국의 트럼프 대통령은 워싱턴에서 시리아에 대해 말했다.")
    assert {"p:unite", "p:trump", "p:washi", "p:syria"} <= keys
    # a name the list lacks meets its English form by sound; Hangul's ㄹ stands for r as well as l
    assert keys_of("블링컨은 말했다.") & keys_of("Officials said that Secretary Blinken spoke.")
    assert "p:iran" not in keys_of("사랑이란 무엇인가")  # "이란" inside a word is not Iran


@pytest.mark.parametrize(("language", "text"), [("zh", ZH_SUMMIT), ("ja", JA_SUMMIT), ("ko", KO_SUMMIT)])
def test_a_report_in_chinese_japanese_or_korean_joins_the_english_report_of_its_event(
    language: str, text: str
) -> None:
    # no number in common: only the names, Vietnam, Cambodia and Hanoi, cross into English
    arts = [
        Article(id="en", source="test://en", text=EN_SUMMIT, published="2024-05-14", language="en"),
        Article(id="other", source="test://other", text=EN_OTHER, published="2024-05-14", language="en"),
        Article(id=language, source=f"test://{language}", text=text, published="2024-05-14", language=language),
    ]
    groups = sorted(sorted(s.articles) for s in cluster(arts))
    assert groups == [sorted(["en", language]), ["other"]]
