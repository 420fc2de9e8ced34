"""The article header as a labelled sequence: features of the top lines (:mod:`.features`), fitted
weights (:mod:`.weights`, written by ``python -m newsgraph.evaluation.fit_header``) and a Viterbi
decoder under a grammar of allowed orders (:mod:`.decoder`)."""
