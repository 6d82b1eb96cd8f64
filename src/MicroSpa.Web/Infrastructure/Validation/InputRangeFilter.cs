using MicroSpa.Web.Features.Errors;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.Infrastructure;

namespace MicroSpa.Web.Infrastructure.Validation;

/// <summary>
/// Guards what arrives in the address and in forms before any action runs. A date outside
/// <see cref="CalendarRange"/> (an action argument or a property of a bound command) is a message on its
/// field. A GET cannot show a form's messages, so an address carrying such a date, or control characters
/// (a NUL cannot even be sent to PostgreSQL) in a text value, is answered 400 with what is wrong: a page
/// for browsers, a validation problem for the API. A POST goes on with the messages in ModelState.
/// </summary>
internal sealed class InputRangeFilter(ProblemDetailsFactory problems) : IAsyncActionFilter
{
    public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        var refused = new List<(string Key, string Message)>();
        var safe = HttpMethods.IsGet(context.HttpContext.Request.Method) || HttpMethods.IsHead(context.HttpContext.Request.Method);
        foreach (var parameter in context.ActionDescriptor.Parameters)
        {
            if (!context.ActionArguments.TryGetValue(parameter.Name, out var argument) || argument is null)
            {
                continue;
            }

            var prefix = parameter.BindingInfo?.BinderModelName;
            foreach (var (key, value) in Values(parameter.BindingInfo?.BinderModelName ?? parameter.Name, prefix, argument))
            {
                if (!CalendarRange.Accepts(value))
                {
                    refused.Add((key, CalendarRange.Message));
                }
                else if (safe && value is string text && ValidationFilter.HasControlCharacters(text))
                {
                    refused.Add((key, "The address holds invisible control characters. Remove them and try again."));
                }
            }
        }

        foreach (var (key, message) in refused)
        {
            context.ModelState.AddModelError(key, message);
        }

        if (refused.Count == 0 || !safe)
        {
            await next();
            return;
        }

        if (context.ActionDescriptor.EndpointMetadata.OfType<IApiBehaviorMetadata>().Any())
        {
            var problem = problems.CreateValidationProblemDetails(context.HttpContext, context.ModelState, StatusCodes.Status400BadRequest);
            context.Result = new BadRequestObjectResult(problem) { ContentTypes = { "application/problem+json" } };
            return;
        }

        var page = new ErrorPage(StatusCodes.Status400BadRequest, "Check the address", string.Join(' ', refused.Select(r => r.Message).Distinct()));
        context.Result = context.Controller is Controller controller
            ? new ViewResult
            {
                ViewName = "/Features/Errors/Views/Error.cshtml",
                ViewData = new Microsoft.AspNetCore.Mvc.ViewFeatures.ViewDataDictionary<ErrorPage>(controller.ViewData, page),
                StatusCode = StatusCodes.Status400BadRequest,
            }
            : new BadRequestObjectResult(problems.CreateValidationProblemDetails(context.HttpContext, context.ModelState, StatusCodes.Status400BadRequest));
    }

    /// <summary>A bound value and, for a command or query object, its properties, keyed as the form names them.</summary>
    private static IEnumerable<(string Key, object? Value)> Values(string name, string? prefix, object argument)
    {
        var type = argument.GetType();
        if (type.IsPrimitive || type.IsEnum || type.Namespace?.StartsWith("System", StringComparison.Ordinal) == true)
        {
            yield return (name, argument);
            yield break;
        }

        foreach (var property in type.GetProperties().Where(p => p.CanRead && p.GetIndexParameters().Length == 0))
        {
            var chosen = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (chosen == typeof(DateOnly) || chosen == typeof(DateTimeOffset) || chosen == typeof(DateTime) || chosen == typeof(string))
            {
                yield return (string.IsNullOrEmpty(prefix) ? property.Name : $"{prefix}.{property.Name}", property.GetValue(argument));
            }
        }
    }
}
