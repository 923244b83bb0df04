"""``chronicle review``: a local web app to review and correct a story's timeline.

:mod:`chronicle.review.server` starts it (uvicorn, a token per start), :mod:`.security` checks
every request (Host, Origin, token), :mod:`.app` holds the pages and actions (Starlette),
:mod:`.actions` turns each action into a change of the one model of corrections, and
:mod:`.views` builds what the pages show. Needs the ``review`` extra (Starlette, uvicorn,
python-multipart).
"""
