using System.Globalization;
using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Primitives;

namespace MicroSpa.Web.Features.Shared;

/// <summary>
/// On an action that takes a client id (a route value, a query value or a form field, by the names given): when the id is a
/// record merged into another (a tombstone, decision 045), a GET or HEAD is sent (302) to the same address with the kept
/// id, its query kept; any other method is refused with 409 before the action runs (nothing written): a page naming the kept
/// record with a link to it, or problem details when the caller asks for JSON. The ids are read as the action bound them (so a
/// prefixed field, <c>command.ClientId</c>, is followed too) and as sent; one query for all of them.
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
        var given = Given(context).ToHashSet();
        var merged = context.HttpContext.RequestServices.GetRequiredService<MergedClients.Handler>();
        var cancellationToken = context.HttpContext.RequestAborted;
        var followed = given.Count == 0 ? new Dictionary<Guid, Guid>() : await merged.MergedIntoAsync(given, cancellationToken);
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

        var (removed, kept) = followed.First();
        var refusal = await merged.RefusalAsync(removed, kept, cancellationToken);
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

    /// <summary>
    /// The ids given under <see cref="Names"/>: as the action bound them (an argument of that name, or a property of that name
    /// on an argument: <c>command.ClientId</c> as well as <c>ClientId</c>), and as sent (route value, query value or form field,
    /// bare or under a prefix) for an action that does not bind them.
    /// </summary>
    private IEnumerable<Guid> Given(ActionExecutingContext context)
    {
        var bound = context.ActionDescriptor.Parameters
            .Where(p => p.BindingInfo?.BindingSource is not { } source || !source.CanAcceptDataFrom(BindingSource.Services))
            .Select(p => p.Name)
            .ToHashSet(StringComparer.Ordinal);
        foreach (var (argument, value) in context.ActionArguments.Where(a => bound.Contains(a.Key)))
        {
            foreach (var name in Names)
            {
                if (string.Equals(argument, name, StringComparison.OrdinalIgnoreCase))
                {
                    foreach (var id in Ids(value))
                    {
                        yield return id;
                    }
                }
                else if (value?.GetType().GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase) is { CanRead: true } property
                    && property.GetIndexParameters().Length == 0)
                {
                    foreach (var id in Ids(property.GetValue(value)))
                    {
                        yield return id;
                    }
                }
            }
        }

        var request = context.HttpContext.Request;
        IEnumerable<KeyValuePair<string, StringValues>> sent = request.Query;
        if (request.HasFormContentType)
        {
            sent = sent.Concat(request.Form);
        }

        var values = context.RouteData.Values.Select(v => new KeyValuePair<string, StringValues>(v.Key, v.Value?.ToString()))
            .Concat(sent)
            .Where(pair => Names.Any(name => Named(pair.Key, name)))
            .SelectMany(pair => pair.Value);
        foreach (var value in values)
        {
            if (Guid.TryParse(value, out var id))
            {
                yield return id;
            }
        }
    }

    private static IEnumerable<Guid> Ids(object? value) => value switch
    {
        Guid id => [id],
        string text when Guid.TryParse(text, out var id) => [id],
        IEnumerable<Guid> ids => ids,
        _ => [],
    };

    /// <summary>Whether <paramref name="key"/> names <paramref name="name"/>: itself, or under a model prefix (<c>command.ClientId</c>, <c>command[ClientId]</c>).</summary>
    private static bool Named(string key, string name) =>
        string.Equals(key, name, StringComparison.OrdinalIgnoreCase)
        || key.EndsWith("." + name, StringComparison.OrdinalIgnoreCase)
        || key.EndsWith("[" + name + "]", StringComparison.OrdinalIgnoreCase);

    /// <summary>The same address with each merged id replaced by the kept one: in the path's segments and in the query's named values, the rest as it was.</summary>
    private string Followed(HttpRequest request, IReadOnlyDictionary<Guid, Guid> followed)
    {
        string? Kept(string given) => Guid.TryParse(given, out var id) && followed.TryGetValue(id, out var kept) ? kept.ToString() : null;

        var path = string.Join('/', (request.PathBase + request.Path).Value!.Split('/').Select(segment => Kept(Uri.UnescapeDataString(segment)) ?? segment));
        var query = new StringBuilder();
        if (request.QueryString.Value is { Length: > 1 } raw)
        {
            foreach (var pair in raw[1..].Split('&'))
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                var key = Uri.UnescapeDataString((equals < 0 ? pair : pair[..equals]).Replace('+', ' '));
                var value = equals < 0 ? null : Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' '));
                query.Append(query.Length == 0 ? '?' : '&');
                query.Append(value is not null && Names.Any(name => Named(key, name)) && Kept(value) is { } kept ? pair[..(equals + 1)] + kept : pair);
            }
        }

        return path + query;
    }
}
