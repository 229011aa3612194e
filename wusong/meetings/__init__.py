"""Review meetings (评审会) of any kind: the panel, the agenda, recusal for conflicts of
interest, attendance, votes, each item's outcome under the quorum rule, and the minutes.
A selection meeting of a call's declarations is this app's own kind; other apps bring
the records they have heard at meetings as kinds of agenda item (`agenda`)."""
