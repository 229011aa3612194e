"""Public notices (公示) of the projects proposed for approval: drafting, the period of
working days, the objections the public files and the officers resolve, the leader's
approval, and the approval certificate of each approved project."""
