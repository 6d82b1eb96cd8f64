using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace MicroSpa.Web.Features.Shared;

/// <summary>
/// On an action that takes a client id (a route value, a query value or a form field, by the names given): when the id is a
/// record merged into another (a tombstone, decision 045), a GET or HEAD is sent (302) to the same address with the kept
/// id, its query kept; any other method is refused with 409 before the action runs (nothing written): a page naming the kept
/// record with a link to it, or problem details when the caller asks for JSON. One read by primary key per id when not merged.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
public sealed class FollowsMergedClientAttribute(params string[] names) : Attribute, IAsyncActionFilter, IOrderedFilter
{
    /// <summary>The view of the refusal (Features/Shared/Views).</summary>
    public const string View = "ClientMerged";

    /// <summary>The names the client id may come under: route values, query values, form fields ("id" when none is given).</summary>
    public IReadOnlyList<string> Names { get; } = names.Length == 0 ? ["id"] : names;

    /// <summary>Where the refusal's page links, "{0}" standing for the kept id: the desk's profile of the kept record unless given.</summary>
    public string Link { get; init; } = "/front-desk/clients/{0}";

    /// <summary>Before the other action filters (validation): a tombstone is answered whatever the form held.</summary>
    public int Order => -1000;

    public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        var merged = context.HttpContext.RequestServices.GetRequiredService<MergedClients.Handler>();
        var cancellationToken = context.HttpContext.RequestAborted;
        var followed = new List<(string Name, string Given, Guid Removed, Guid Kept)>();
        foreach (var name in Names)
        {
            foreach (var given in Given(context, name))
            {
                if (Guid.TryParse(given, out var id) && await merged.MergedIntoAsync(id, cancellationToken) is { } kept)
                {
                    followed.Add((name, given, id, kept));
                }
            }
        }

        if (followed.Count == 0)
        {
            await next();
            return;
        }

        var request = context.HttpContext.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        {
            context.Result = new RedirectResult(Followed(request, followed));
            return;
        }

        var refusal = await merged.RefusalAsync(followed[0].Removed, followed[0].Kept, cancellationToken);
        var link = string.Format(CultureInfo.InvariantCulture, Link, refusal.KeptId);
        if (request.Headers.Accept.Any(a => a?.Contains("json", StringComparison.OrdinalIgnoreCase) == true))
        {
            var problem = new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = refusal.Message, Instance = request.Path };
            problem.Extensions["keptId"] = refusal.KeptId;
            problem.Extensions["kept"] = link;
            context.Result = new ObjectResult(problem) { StatusCode = StatusCodes.Status409Conflict, ContentTypes = { "application/problem+json" } };
            return;
        }

        if (context.Controller is Controller controller)
        {
            var page = controller.View(View, new Page(refusal, link));
            page.StatusCode = StatusCodes.Status409Conflict;
            context.Result = page;
            return;
        }

        context.Result = new ConflictObjectResult(refusal.Message);
    }

    /// <summary>The refusal's page: what was merged into what, and the link to the kept record.</summary>
    public sealed record Page(MergedClients.Refusal Refusal, string Link);

    private static IEnumerable<string> Given(ActionExecutingContext context, string name)
    {
        if (context.RouteData.Values.TryGetValue(name, out var routed) && routed?.ToString() is { Length: > 0 } value)
        {
            yield return value;
        }

        var request = context.HttpContext.Request;
        foreach (var queried in request.Query[name])
        {
            if (queried is { Length: > 0 })
            {
                yield return queried;
            }
        }

        if (request.HasFormContentType)
        {
            foreach (var posted in request.Form[name])
            {
                if (posted is { Length: > 0 })
                {
                    yield return posted;
                }
            }
        }
    }

    /// <summary>The same address with each merged id replaced by the kept one: in the path's segments and in the query's named values, the rest as it was.</summary>
    private static string Followed(HttpRequest request, IReadOnlyList<(string Name, string Given, Guid Removed, Guid Kept)> followed)
    {
        string Kept(string segment) =>
            followed.FirstOrDefault(f => string.Equals(f.Given, segment, StringComparison.OrdinalIgnoreCase)) is { Given: not null } f ? f.Kept.ToString() : segment;

        var path = string.Join('/', (request.PathBase + request.Path).Value!.Split('/').Select(segment =>
        {
            var read = Uri.UnescapeDataString(segment);
            return Kept(read) is var kept && kept != read ? kept : segment;
        }));
        var query = new StringBuilder();
        if (request.QueryString.Value is { Length: > 1 } raw)
        {
            foreach (var pair in raw[1..].Split('&'))
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                var key = Uri.UnescapeDataString((equals < 0 ? pair : pair[..equals]).Replace('+', ' '));
                var value = equals < 0 ? null : Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' '));
                query.Append(query.Length == 0 ? '?' : '&');
                query.Append(value is not null && followed.Any(f => string.Equals(f.Name, key, StringComparison.OrdinalIgnoreCase)) && Kept(value) is var kept && kept != value
                    ? pair[..(equals + 1)] + kept
                    : pair);
            }
        }

        return path + query;
    }
}
