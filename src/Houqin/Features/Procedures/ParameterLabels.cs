using System.Text.Json;
using Houqin.Data;
using Houqin.Features.ServiceDesk;
using Houqin.Infrastructure.Policies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Houqin.Features.Procedures;

/// <summary>A parameter's value as readers see it: the JSON value, its unit and its label in the reader's language.</summary>
public sealed record ParameterReading(string Key, JsonElement Value, string Unit, string Label);

/// <summary>
/// Labels parameters from <see cref="PolicyText"/>: the catalog's label key with its arguments, each argument
/// itself a resource (<c>Arg_TeamLeader</c>, <c>Arg_normal</c>…) or, for a commitment, the category's name.
/// </summary>
public sealed class ParameterLabels(IStringLocalizer<PolicyText> text, AppDbContext db)
{
    /// <summary>The values (key → canonical JSON) as readings, in key order.</summary>
    public async Task<IReadOnlyList<ParameterReading>> ReadAsync(IEnumerable<KeyValuePair<string, string>> values, CancellationToken ct)
    {
        var categories = await db.Set<ServiceCategory>().AsNoTracking().ToDictionaryAsync(c => c.Code, c => c.Name, ct);
        return values
            .OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv =>
            {
                using var doc = JsonDocument.Parse(kv.Value);
                var p = PolicyCatalog.Find(kv.Key, _ => true);
                return new ParameterReading(kv.Key, doc.RootElement.Clone(), p?.Unit.ToString() ?? "", p is null ? kv.Key : Label(p, categories));
            })
            .ToList();
    }

    public string Label(PolicyParameter p, IReadOnlyDictionary<string, string> categoryNames)
    {
        var args = p.LabelArgs.Select(a =>
            {
                var own = text["Arg_" + a];
                return !own.ResourceNotFound ? own.Value : categoryNames.GetValueOrDefault(a, a);
            })
            .ToArray<object>();
        var label = text[p.LabelKey, args];
        return label.ResourceNotFound ? p.Key : label.Value;
    }

    /// <summary>Every parameter in force: the catalog's defaults overlaid with what the snapshot's version enacted.</summary>
    public static IReadOnlyDictionary<string, string> InForce(PolicySnapshot snapshot)
    {
        var all = PolicyCatalog.Defaults().ToDictionary(p => p.Key, p => PolicyValues.Canonical(p, p.Default), StringComparer.Ordinal);
        foreach (var (k, v) in snapshot.Values)
        {
            all[k] = v;
        }
        return all;
    }
}
