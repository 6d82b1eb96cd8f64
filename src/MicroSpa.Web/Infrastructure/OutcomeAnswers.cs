using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.AspNetCore.Mvc;

namespace MicroSpa.Web.Infrastructure;

/// <summary>
/// The one translation of a use case's outcome into the HTTP answer (decision 029): not found (the handler
/// answered null) is 404; done is the next page; refused is the messages, on the form's fields (the form shown
/// again: 200, or 409 when the outcome is a conflict with the record's current state) or above the next page.
/// </summary>
public static class OutcomeAnswers
{
    public const string Notice = nameof(Notice);
    public const string Problem = nameof(Problem);

    /// <summary>
    /// A form post. An invalid form (ModelState) is shown again without calling the use case (with
    /// <paramref name="invalidStatus"/>); otherwise the use case runs: done → <paramref name="notice"/> and
    /// <paramref name="done"/>; refused → its messages on the fields (named "<paramref name="prefix"/>.Field") and
    /// <paramref name="page"/>, the form again (404 if it is gone).
    /// </summary>
    public static Task<IActionResult> AnswerFormAsync(
        this Controller controller, Func<Task<Outcome?>> useCase, Func<IActionResult> done, Func<Task<IActionResult?>> page,
        string? prefix = null, string? notice = null, int invalidStatus = StatusCodes.Status200OK) =>
        controller.AnswerFormAsync<bool>(
            async () => await useCase() is { } outcome ? new Outcome<bool>(outcome, outcome.Succeeded) : null,
            _ => done(), page, prefix, notice is null ? null : _ => notice, invalidStatus);

    /// <summary>
    /// A form post whose use case makes something (<see cref="Outcome{T}"/>): as above, with what it made given to
    /// <paramref name="done"/> and to the <paramref name="notice"/> (the new record's page, the version's number).
    /// </summary>
    public static async Task<IActionResult> AnswerFormAsync<T>(
        this Controller controller, Func<Task<Outcome<T>?>> useCase, Func<T, IActionResult> done, Func<Task<IActionResult?>> page,
        string? prefix = null, Func<T, string>? notice = null, int invalidStatus = StatusCodes.Status200OK)
    {
        var status = invalidStatus;
        if (controller.ModelState.IsValid)
        {
            if (await useCase() is not { } result)
            {
                return controller.NotFound();
            }

            if (result.Status.Succeeded)
            {
                return Done(controller, result.Value!, notice, done);
            }

            controller.ModelState.AddErrors(result.Status, prefix);
            status = result.Status.IsConflict ? StatusCodes.Status409Conflict : StatusCodes.Status200OK;
        }

        if (await page() is not { } shown)
        {
            return controller.NotFound();
        }

        controller.Response.StatusCode = status;
        return shown;
    }

    /// <summary>
    /// A button's post (no form to show again): done → <paramref name="notice"/> and <paramref name="done"/>; refused → its
    /// messages above <paramref name="refused"/> (or the same next page); not found → 404.
    /// </summary>
    public static IActionResult Answer(
        this Controller controller, Outcome? outcome, Func<IActionResult> done, string? notice = null, Func<IActionResult>? refused = null) =>
        controller.Answer<bool>(
            outcome is null ? null : new Outcome<bool>(outcome, outcome.Succeeded), _ => done(), notice is null ? null : _ => notice, refused);

    /// <summary>A button's post whose use case makes something (<see cref="Outcome{T}"/>): as above, with what it made given to <paramref name="done"/>.</summary>
    public static IActionResult Answer<T>(
        this Controller controller, Outcome<T>? result, Func<T, IActionResult> done, Func<T, string>? notice = null, Func<IActionResult>? refused = null)
    {
        if (result is null)
        {
            return controller.NotFound();
        }

        if (result.Status.Succeeded)
        {
            return Done(controller, result.Value!, notice, done);
        }

        controller.TempData[Problem] = Messages(result.Status);
        return (refused ?? (() => done(result.Value!)))();
    }

    /// <summary>
    /// A script's post (the day grid's drop), answered as problem details instead of a page: a form that cannot be read
    /// is 400 with its field messages (ModelState; the use case is not called); not found is 404; done is 200 with the
    /// <paramref name="notice"/> (also kept for the next page); refused is 400 with the messages on the fields they name,
    /// or 409 with the form's message as the title when it names none (the record's or the schedule's current state).
    /// </summary>
    public static async Task<IActionResult> AnswerScriptAsync(this Controller controller, Func<Task<Outcome?>> useCase, string notice)
    {
        if (!controller.ModelState.IsValid)
        {
            return controller.ValidationProblem(controller.ModelState);
        }

        if (await useCase() is not { } outcome)
        {
            return controller.Problem(title: "There is no such record.", statusCode: StatusCodes.Status404NotFound);
        }

        if (outcome.Succeeded)
        {
            controller.TempData[Notice] = notice;
            return controller.Ok(new { message = notice });
        }

        if (outcome.Errors.Any(e => e.Field.Length > 0))
        {
            controller.ModelState.AddErrors(outcome);
            return controller.ValidationProblem(controller.ModelState);
        }

        return controller.Problem(title: Messages(outcome), statusCode: StatusCodes.Status409Conflict);
    }

    /// <summary>The outcome's messages in one line, as shown above a page.</summary>
    public static string Messages(Outcome outcome) => string.Join(" ", outcome.Errors.Select(e => e.Message));

    private static IActionResult Done<T>(Controller controller, T made, Func<T, string>? notice, Func<T, IActionResult> done)
    {
        if (notice is not null)
        {
            controller.TempData[Notice] = notice(made);
        }

        return done(made);
    }
}
