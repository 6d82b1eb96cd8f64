using FluentValidation;
using Microsoft.AspNetCore.Mvc.Filters;

namespace MicroSpa.Web.Infrastructure.Validation;

/// <summary>
/// Runs the FluentValidation validator of every bound action argument (if it has one) and puts
/// the failures into ModelState under the field's name, so the form shows them beside the field.
/// Controllers then only check ModelState.IsValid.
/// </summary>
internal sealed class ValidationFilter(IServiceProvider services) : IAsyncActionFilter
{
    public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        foreach (var parameter in context.ActionDescriptor.Parameters)
        {
            if (!context.ActionArguments.TryGetValue(parameter.Name, out var argument) || argument is null)
            {
                continue;
            }

            // A form can post a command under a prefix ([Bind(Prefix = "NewClient")]): messages follow it.
            var prefix = parameter.BindingInfo?.BinderModelName;
            RefuseControlCharacters(context, argument, parameter.Name, prefix);

            var validatorType = typeof(IValidator<>).MakeGenericType(argument.GetType());
            if (services.GetService(validatorType) is not IValidator validator)
            {
                continue;
            }

            var result = await validator.ValidateAsync(
                new ValidationContext<object>(argument), context.HttpContext.RequestAborted);
            foreach (var error in result.Errors)
            {
                var key = string.IsNullOrEmpty(prefix) ? error.PropertyName : $"{prefix}.{error.PropertyName}";

                // Model binding may already have said why a value could not be read; keep one message per field.
                if (context.ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0)
                {
                    continue;
                }

                context.ModelState.AddModelError(key, error.ErrorMessage);
            }
        }

        await next();
    }

    /// <summary>
    /// No text field takes control characters (a NUL cannot even be stored by PostgreSQL); tabs and line
    /// breaks are fine. The field says so instead of the request failing further in.
    /// </summary>
    private static void RefuseControlCharacters(ActionExecutingContext context, object argument, string name, string? prefix)
    {
        const string message = "Remove the invisible control characters from this field.";
        if (argument is string text)
        {
            if (HasControlCharacters(text))
            {
                context.ModelState.AddModelError(prefix ?? name, message);
            }

            return;
        }

        var type = argument.GetType();
        if (type.IsPrimitive || type.IsEnum || type.Namespace?.StartsWith("System", StringComparison.Ordinal) == true)
        {
            return;
        }

        foreach (var property in type.GetProperties().Where(p => p.CanRead && p.GetIndexParameters().Length == 0))
        {
            var key = string.IsNullOrEmpty(prefix) ? property.Name : $"{prefix}.{property.Name}";

            // A checkbox re-rendered with what was posted would throw on a value that is no boolean
            // ("yes please"): keep the message, show the box unticked.
            var chosen = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if ((chosen == typeof(bool) || chosen.IsEnum || chosen == typeof(Guid))
                && context.ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0)
            {
                // Tick boxes, lists and hidden ids cannot carry such a value from the page: a crafted or
                // stale form. A tick box re-rendered with it would throw, so it is shown unticked; and the
                // form says what is wrong above it, since such fields often have no message of their own.
                if (chosen == typeof(bool))
                {
                    context.ModelState.SetModelValue(key, "false", "false");
                }

                if (!context.ModelState.TryGetValue(string.Empty, out var form) || form.Errors.Count == 0)
                {
                    var label = property.GetCustomAttributes(typeof(System.ComponentModel.DataAnnotations.DisplayAttribute), true)
                        .OfType<System.ComponentModel.DataAnnotations.DisplayAttribute>().FirstOrDefault()?.Name ?? property.Name;
                    context.ModelState.AddModelError(string.Empty, $"Choose {label} from the form's options, then send it again.");
                }
            }

            var value = property.GetValue(argument);
            var strings = value switch
            {
                string one => [one],
                IEnumerable<string> many => many,
                _ => [],
            };
            if (strings.Any(HasControlCharacters))
            {
                context.ModelState.AddModelError(key, message);
            }
        }
    }

    internal static bool HasControlCharacters(string? text) =>
        text is not null && text.Any(c => (char.IsControl(c) && c is not '\t' and not '\r' and not '\n') || c is '\u202E' or '\u202D');
}
