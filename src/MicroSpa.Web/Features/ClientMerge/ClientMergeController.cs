using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MicroSpa.Web.Features.ClientMerge;

/// <summary>The desk merges two records of one client (decision 045): find the duplicate, compare them side by side, merge.</summary>
[Authorize(Policy = Policies.FrontDesk)]
[Route("front-desk/clients/{id:guid}/merge")]
public sealed class ClientMergeController : Controller
{
    [HttpGet("")]
    [FollowsMergedClient("id")]
    public async Task<IActionResult> Find(Guid id, string? q, [FromServices] MergeCandidates.Handler handler, CancellationToken cancellationToken) =>
        await handler.HandleAsync(id, q, cancellationToken) is { } page ? View(page) : NotFound();

    /// <remarks>
    /// Not followed (<see cref="FollowsMergedClientAttribute"/>): after a merge this address names a tombstone and the record
    /// kept, and following it would name the kept record twice; the page says the pair was merged and links to the kept one.
    /// </remarks>
    [HttpGet("{otherId:guid}")]
    public async Task<IActionResult> Compare(Guid id, Guid otherId, [FromServices] MergeComparison.Handler handler, CancellationToken cancellationToken) =>
        await handler.HandleAsync(id, otherId, null, cancellationToken) is { } page ? View(page) : NotFound();

    /// <remarks>Not followed (<see cref="FollowsMergedClientAttribute"/>): the merge answers a tombstone itself, under the lock ("merged meanwhile").</remarks>
    [HttpPost("{otherId:guid}")]
    public Task<IActionResult> Merge(
        Guid id, Guid otherId, [Bind(Prefix = "Merge")] MergeClients.Command command, [FromServices] MergeClients.Handler handler,
        [FromServices] MergeComparison.Handler comparison, CancellationToken cancellationToken) =>
        this.AnswerFormAsync(
            () => handler.HandleAsync(id, otherId, command, cancellationToken),
            merged => Redirect($"/front-desk/clients/{merged.KeptId}"),
            async () => await comparison.HandleAsync(id, otherId, command, cancellationToken) is { } page ? View(nameof(Compare), page) : null,
            prefix: "Merge",
            notice: merged => $"Records merged: {merged.Total} rows moved to this record ({Describe(merged)}). The other record now points here.");

    private static string Describe(MergeClients.Merged merged) =>
        string.Join(", ", merged.Moved.Where(m => m.Value > 0).Select(m => $"{m.Key.Replace('_', ' ')} {m.Value}")) is { Length: > 0 } list ? list : "nothing to move";
}
