using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Houqin.Infrastructure.Api;

/// <summary>
/// The API reads every string through its own converter (<see cref="RefusingControlCharacters"/>, ADR 0033), and the
/// schema exporter cannot see through a custom converter: it would describe each string as anything (<c>{}</c>).
/// This says again what they are: strings, nullable where the property is.
/// </summary>
internal sealed class StringsInOpenApi : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonTypeInfo.Type == typeof(string) && schema.Type is null)
        {
            schema.Type = context.JsonPropertyInfo is { IsGetNullable: true } or { IsSetNullable: true } ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
        }
        return Task.CompletedTask;
    }
}
