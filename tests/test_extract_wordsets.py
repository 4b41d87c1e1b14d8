"""WordLists says which lists have a word in a text, as `in` would for each list."""

from truceline.extract.wordsets import WordLists


def test_bits_follow_the_lists_order_and_words_are_found_inside_words():
    lists = WordLists(("kill", "dead"), ("injur", "wound"), ("toll",))
    assert lists.found("two people were killed and three wounded") == 0b011
    assert lists.found("the death toll rose") == 0b100  # "death" holds no "dead"
    assert lists.found("nothing here") == 0


def test_a_word_in_several_lists_sets_each_bit():
    assert WordLists(("said",), ("said", "told")).found("officials said") == 0b11
