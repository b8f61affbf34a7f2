"""Any text classifies without error; a threat with "до … отбоя" after it, or an all-clear that orders
shelter now, is never an all-clear."""

from hypothesis import given, settings, strategies as st

from preparedness.notices.ingest.classify import classify_text
from preparedness.notices.ingest.morph import tokens
from preparedness.notices.ingest.rules import CONDITION_WORDS
from preparedness.regions import load_region

REGION = load_region("belgorod")
THREATS = ["Ракетная опасность", "Опасность атаки БПЛА", "Авиационная опасность", "Угроза обстрела",
           "Ракетна небезпека", "Повітряна тривога", "Missile danger", "угроза атаки FPV-дронов"]
WAITS = ["до отбоя", "до получения сигнала «Отбой ракетной опасности»", "до получения сигнала Отбой",
         "до официального отбоя", "до объявления отбоя", "до відбою", "until the all clear"]
WORDS = st.sampled_from(["Белгород", "Шебекино", "отбой", "отменён", "сигнал", "снят", "угроза", "миновала",
                         "до", "в", "укрытии", ".", "!", "—", "Відбій", "не", "ракетной", "опасности", "\n",
                         "«", "»", "оставайтесь", "после", "Бєлгород", "all clear", "БПЛА"])
FILLER = st.lists(st.one_of(WORDS, st.text(max_size=12)), max_size=12).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_any_text_classifies(text):
    found = classify_text(text, REGION)
    assert found.kind and isinstance(found.doubts, tuple)


@settings(max_examples=400, deadline=None)
@given(FILLER, st.sampled_from(THREATS), FILLER, st.sampled_from(WAITS), FILLER)
def test_a_threat_to_wait_out_is_never_an_all_clear(before, threat, between, wait, after):
    text = f"{before} {threat}. {between} Оставайтесь в укрытии {wait}. {after}"
    assert classify_text(text, REGION).kind != "all_clear"


CLEARS = ["Отбой ракетной опасности", "Отбой угрозы атаки БПЛА", "Опасность атаки БПЛА миновала",
          "Ракетная опасность снята", "Відбій повітряної тривоги", "All clear"]
ORDERS = ["Оставайтесь в укрытии", "Не покидайте укрытие", "Спуститесь в подвал", "Пройдите в укрытие",
          "Залишайтеся в укритті", "Stay in shelter"]


def advice(words):
    """Whether words hold a condition word ("если", "при", "if"): the order after them is advice."""
    return any(t.word in CONDITION_WORDS or t.lemmas & CONDITION_WORDS for t in tokens(words))


@settings(max_examples=300, deadline=None)
@given(FILLER, st.sampled_from(CLEARS), FILLER.filter(lambda words: not advice(words)),
       st.sampled_from(ORDERS), FILLER)
def test_an_all_clear_that_orders_shelter_now_is_never_an_all_clear(before, clear, between, order, after):
    text = f"{before} {clear}. {between} {order}. {after}"
    assert classify_text(text, REGION).kind != "all_clear"
