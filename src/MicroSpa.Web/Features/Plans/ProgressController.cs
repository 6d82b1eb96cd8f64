using MicroSpa.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MicroSpa.Web.Features.Plans;

/// <summary>Progress over a series: the clinician's scores on a chart, the client's ratings, the history of both.</summary>
public sealed class ProgressController : Controller
{
    [Authorize(Policy = Policies.Clinical)]
    [HttpPost("/provider/charts/{id:guid}/progress")]
    public async Task<IActionResult> Score(Guid id, Dictionary<Guid, int?> scores, [FromServices] ScoreProgress.Handler handler, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            TempData[OutcomeAnswers.Problem] = "Choose a score from the list for each area.";
            return Redirect($"/provider/charts/{id}");
        }

        return this.Answer(await handler.HandleAsync(id, Given(scores), cancellationToken), () => Redirect($"/provider/charts/{id}"), notice: "Progress saved.");
    }

    [Authorize(Policy = Policies.Clinical)]
    [HttpGet("/provider/charts/{id:guid}/progress")]
    public async Task<IActionResult> History(Guid id, [FromServices] ProgressHistory.Handler handler, CancellationToken cancellationToken) =>
        await handler.ForChartAsync(id, cancellationToken) is { } page ? View(page) : NotFound();

    [Authorize(Policy = Policies.Client)]
    [HttpGet("/my/progress")]
    public async Task<IActionResult> MyProgress([FromServices] CurrentClient client, [FromServices] ProgressHistory.Handler handler, CancellationToken cancellationToken) =>
        View(nameof(History), await handler.ForClientAsync(await client.RequiredIdAsync(cancellationToken), cancellationToken));

    [Authorize(Policy = Policies.Client)]
    [HttpPost("/my/appointments/{id:guid}/progress")]
    public async Task<IActionResult> Rate(
        Guid id, Dictionary<Guid, int?> ratings, [FromServices] CurrentClient client, [FromServices] RateProgress.Handler handler, CancellationToken cancellationToken)
    {
        // Someone else's visit is not found, whatever was posted.
        var clientId = await client.RequiredIdAsync(cancellationToken);
        if (!await handler.MayRateAsync(id, clientId, cancellationToken))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            TempData[OutcomeAnswers.Problem] = "Choose a rating from the list for each area.";
            return Redirect($"/my/appointments/{id}/aftercare");
        }

        return this.Answer(
            await handler.HandleAsync(id, clientId, Given(ratings), cancellationToken), () => Redirect($"/my/appointments/{id}/aftercare"),
            notice: "Thank you: your rating is saved.");
    }

    /// <summary>The areas that were given a value ("not scored" leaves an area as it is).</summary>
    private static Dictionary<Guid, int> Given(Dictionary<Guid, int?> values) =>
        values.Where(v => v.Value is not null).ToDictionary(v => v.Key, v => v.Value!.Value);
}
