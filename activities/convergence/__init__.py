"""Convergence, the social-forum method: proposals of one season that are
close (similarity.py) are shown to moderators and, when both organizations
agreed to it, to each other; one invites the other to merge into one activity
or to hold theirs one after the other (services.py); when both have accepted,
their contacts are shared, and a moderator carries it out from the admin.
"""
