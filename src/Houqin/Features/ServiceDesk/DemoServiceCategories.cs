using Houqin.Data;

namespace Houqin.Features.ServiceDesk;

/// <summary>
/// The demo's service categories and the post that receives each. Their commitments are parameters of the demo's
/// 《总务后勤工作规程》 (the procedures module's demo seed), not of the categories.
/// </summary>
public static class DemoServiceCategories
{
    private sealed record Plan(string Code, string Name, string Post, (string Code, string Name)[] Subcategories);

    private static readonly Plan[] Plans =
    [
        new("water", "水", "water-duty", [("water-leak", "漏水"), ("water-pipe", "水管水龙头"), ("water-drain", "下水道堵塞")]),
        new("electricity", "电", "water-duty", [("power-outage", "停电跳闸"), ("lighting", "灯具"), ("socket", "插座开关")]),
        new("carpentry", "木工", "repair-duty", [("carpentry-repair", "木作维修")]),
        new("air-conditioning", "空调", "repair-duty", [("ac-fault", "空调不制冷不制热")]),
        new("doors-windows", "门窗", "repair-duty", [("door-lock", "门锁"), ("window-glass", "窗户玻璃")]),
        new("furniture", "家具", "repair-duty", [("bed-desk", "床铺桌椅")]),
        new("cleaning", "保洁", "cleaning", [("public-area", "公共区域保洁")]),
        new("greening", "绿化", "cleaning", [("tree-pruning", "树木修剪")]),
        new("meeting-service", "会议服务", "front-desk", [("meeting-setup", "会场布置")]),
    ];

    /// <summary>The top categories whose emergencies promise someone on site within 20 minutes rather than the hour.</summary>
    public static readonly IReadOnlyList<string> TwentyMinuteEmergencies = ["water", "electricity"];

    /// <summary>Adds the categories to <paramref name="db"/>; the caller saves.</summary>
    public static void Seed(AppDbContext db)
    {
        var order = 0;
        foreach (var p in Plans)
        {
            var top = new ServiceCategory(p.Code, p.Name, p.Post, null, order++);
            db.Add(top);
            foreach (var (code, name) in p.Subcategories)
            {
                db.Add(new ServiceCategory(code, name, p.Post, top, order++));
            }
        }
    }
}
