using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.AspNetCore.Identity;

namespace MicroSpa.Web.Features.Shared;

internal static class IdentityErrors
{
    /// <summary>Identity's own refusals (weak password, taken name) as messages on the right field.</summary>
    /// <remarks>Several reasons for one field are joined, so the person sees all of them at once.</remarks>
    public static Outcome ToOutcome(IdentityResult result, string passwordField)
    {
        if (result.Errors.Any(e => e.Code is "DuplicateEmail" or "DuplicateUserName"))
        {
            return Outcome.Fail("Email", AccountCreator.EmailTakenMessage);
        }

        return new(result.Errors
            .GroupBy(e => e.Code.StartsWith("Password", StringComparison.Ordinal) ? passwordField : string.Empty)
            .Select(g => new FieldError(g.Key, string.Join(" ", g.Select(e => e.Description))))
            .ToList());
    }
}
