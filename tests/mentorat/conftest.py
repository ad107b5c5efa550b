from tests.communaute.conftest import join_answers  # noqa: F401 the join form's answers
