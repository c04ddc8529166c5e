"""A made-up article for tests that swap the article and watch the captions change."""

OTHER_ARTICLE = """\
The mayors of two sister cities opened the Riverside Festival with a surprise drum duet.
During their visit to Kyoto, the mayors received a hand-painted taiko drum from local craftsmen.
They first met at the Harbor Conference in Lisbon two years earlier, where they joked about \
playing music together.
Mayor Ana Silva laughed: “We lost the beat twice, but we kept the same rhythm in the end.”
At the closing concert they played rock songs until midnight.
"""
