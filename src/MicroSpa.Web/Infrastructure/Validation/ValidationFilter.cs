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
}
