using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace MicroSpa.Web.Infrastructure.TagHelpers;

/// <summary>
/// One form field the accessible way: a label, the input, an optional hint and the server's message,
/// tied together with aria-describedby and aria-invalid.
/// <code>&lt;field for="Email" type="email" autocomplete="email" /&gt;</code>
/// Passwords are never echoed back into the page.
/// </summary>
[HtmlTargetElement("field", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FieldTagHelper(IHtmlGenerator generator) : TagHelper
{
    [HtmlAttributeName("for")]
    public required Microsoft.AspNetCore.Mvc.ViewFeatures.ModelExpression For { get; set; }

    public string Type { get; set; } = "text";

    public string? Autocomplete { get; set; }

    public string? Hint { get; set; }

    [ViewContext]
    [HtmlAttributeNotBound]
    public required ViewContext ViewContext { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = For.Name;
        var id = TagBuilder.CreateSanitizedId(name, "_");
        var errorId = $"{id}-error";
        var hintId = $"{id}-hint";
        var hasError = ViewContext.ViewData.ModelState.TryGetValue(name, out var entry) && entry.Errors.Count > 0;

        var attributes = new Dictionary<string, object?>
        {
            ["class"] = hasError ? "form-control is-invalid" : "form-control",
            ["aria-describedby"] = Hint is null ? errorId : $"{hintId} {errorId}",
        };
        if (hasError)
        {
            attributes["aria-invalid"] = "true";
        }

        if (Autocomplete is not null)
        {
            attributes["autocomplete"] = Autocomplete;
        }

        TagBuilder input;
        if (Type == "password")
        {
            input = generator.GeneratePassword(ViewContext, For.ModelExplorer, name, value: null, attributes);
        }
        else
        {
            attributes["type"] = Type;
            // Date and time inputs take ISO values whatever the culture.
            var format = Type switch { "date" => "{0:yyyy-MM-dd}", "time" => "{0:HH\\:mm}", "datetime-local" => "{0:yyyy-MM-ddTHH\\:mm}", _ => null };
            input = generator.GenerateTextBox(ViewContext, For.ModelExplorer, name, For.Model, format, attributes);
        }

        var label = generator.GenerateLabel(ViewContext, For.ModelExplorer, name, labelText: null, new { @class = "form-label" });
        var message = generator.GenerateValidationMessage(
            ViewContext, For.ModelExplorer, name, message: null, tag: "div", new { @class = "field-message", id = errorId });

        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "mb-3");
        output.Content.AppendHtml(label);
        output.Content.AppendHtml(input);
        if (Hint is not null)
        {
            output.Content.AppendHtml($"<div class=\"form-text\" id=\"{hintId}\">");
            output.Content.Append(Hint);
            output.Content.AppendHtml("</div>");
        }

        output.Content.AppendHtml(message);
    }
}
