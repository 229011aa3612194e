"""What every portfolio endpoint shares: the refusal responses it documents, and
parsing its input."""

from drf_spectacular.utils import OpenApiResponse

REFUSED = {
    400: OpenApiResponse(description="Invalid input; `detail` says what and `errors` where."),
    403: OpenApiResponse(description="Not allowed for this user."),
    404: OpenApiResponse(description="No such record, or not visible to this user."),
    409: OpenApiResponse(description="Not possible in the record's state or period."),
}


def parse_input(serializer_class, data):
    form = serializer_class(data=data)
    form.is_valid(raise_exception=True)
    return dict(form.validated_data)
