using MicroSpa.Domain.Treatments;

namespace MicroSpa.Web.Features.Shared;

/// <summary>The heading of each kind of aftercare line, the same in the email, on the client's aftercare page and in the template's form.</summary>
public static class AftercareHeadings
{
    public static string Of(AftercareKind kind) => kind switch
    {
        AftercareKind.Expect => "What to expect",
        AftercareKind.Do => "What to do",
        AftercareKind.Avoid => "What to avoid",
        _ => "Call us if you notice",
    };
}
