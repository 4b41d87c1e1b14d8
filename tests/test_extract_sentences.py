"""Sentences keep their offsets; headlines of other stories are marked."""

from truceline.extract.sentences import is_headline, split_sentences


def test_offsets_point_into_the_original_text():
    text = "Shelling hit Kherson on Monday. Mr. Ivanov, the U.S. envoy, left.\n\nTwo people died."
    sents = split_sentences(text)
    assert [s.text for s in sents] == [
        "Shelling hit Kherson on Monday.",
        "Mr. Ivanov, the U.S. envoy, left.",
        "Two people died.",
    ]
    assert all(text[s.start : s.end] == s.text for s in sents)
    assert sents[0].paragraph == sents[1].paragraph != sents[2].paragraph


def test_headlines_of_other_stories():
    assert is_headline("Kyiv Braces for Winter as Grid Attacks Mount")
    assert is_headline("Could Sanctions Bite Harder After the Summit?")
    assert not is_headline("Russian forces shelled Kupiansk overnight.")
    assert not is_headline("Footage of shelling")


def test_headline_lines_are_split_off():
    text = "A drone hit a depot in Bryansk.\nOil Prices Climb on Supply Fears\nFirefighters put out the blaze."
    flags = [(s.text, s.headline) for s in split_sentences(text)]
    assert flags[1] == ("Oil Prices Climb on Supply Fears", True)
    assert not flags[0][1] and not flags[2][1]


def test_a_sentence_case_title_above_prose_is_a_headline() -> None:
    text = (
        "Drone hits apartment block near the Kremlin\n"
        "A Ukrainian drone struck an apartment building in Moscow on Friday, officials said."
    )
    first, second = split_sentences(text)
    assert first.headline
    assert not second.headline


def test_a_one_line_report_without_a_full_stop_is_not_a_headline() -> None:
    (only,) = split_sentences("Apartment block hit by missile in Chuhuiv")
    assert not only.headline
