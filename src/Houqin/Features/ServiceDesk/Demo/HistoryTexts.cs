namespace Houqin.Features.ServiceDesk.Demo;

/// <summary>What requesters write and what staff record, per service category, for the demo history.</summary>
internal static class HistoryTexts
{
    public sealed record Work(string[] Descriptions, string Method, string Result, string[] Materials);

    public static readonly IReadOnlyDictionary<string, Work> ByCategory = new Dictionary<string, Work>(StringComparer.Ordinal)
    {
        ["water-leak"] = new(["卫生间水管接头漏水，地面积水", "洗手池下方管道渗水", "天花板往下滴水，疑似楼上管道漏水", "暖气片阀门漏水"], "更换接头并重新缠生料带", "已不再漏水，地面积水已清理", ["水管接头 DN20", "生料带"]),
        ["water-pipe"] = new(["水龙头关不紧，一直滴水", "淋浴喷头出水很小", "热水器不出热水"], "更换水龙头阀芯并调试", "出水正常", ["水龙头阀芯"]),
        ["water-drain"] = new(["下水道堵塞，水排不下去", "马桶堵塞", "地漏返臭味"], "疏通管道并加装防臭地漏芯", "排水通畅", ["防臭地漏芯"]),
        ["power-outage"] = new(["宿舍突然停电，空气开关跳闸合不上", "半层楼停电", "实验室插座回路跳闸"], "排查短路点，更换空气开关", "供电恢复正常", ["空气开关 C16"]),
        ["lighting"] = new(["教室日光灯不亮", "走廊灯一直闪烁", "楼梯间声控灯坏了"], "更换灯管和镇流器", "照明恢复", ["LED灯管 T8"]),
        ["socket"] = new(["插座没电", "开关面板松动", "插座冒火花，有焦味"], "更换插座面板并检查线路", "插座通电正常", ["五孔插座面板"]),
        ["carpentry-repair"] = new(["衣柜门铰链脱落", "书架隔板断裂", "讲台抽屉拉不开"], "更换铰链，加固木作", "已修复，开合正常", ["不锈钢铰链"]),
        ["ac-fault"] = new(["空调不制冷", "空调开机后室内机漏水", "空调开不了机"], "清洗滤网，检查冷媒并疏通排水管", "空调运行正常", []),
        ["door-lock"] = new(["宿舍门锁打不开", "钥匙断在锁芯里", "办公室门锁损坏，关不上"], "更换锁芯", "门锁开关正常，已交付新钥匙", ["锁芯", "钥匙"]),
        ["window-glass"] = new(["窗户玻璃破裂", "窗户关不严，漏风", "纱窗破损"], "更换玻璃并重新打胶", "窗户完好，密封正常", ["钢化玻璃", "玻璃胶"]),
        ["bed-desk"] = new(["床板断裂", "椅子腿松动", "课桌桌面翘起"], "更换床板，紧固螺丝", "已修好，可正常使用", ["床板", "螺丝"]),
        ["public-area"] = new(["楼道垃圾无人清理", "卫生间异味大，需要清洁", "楼梯有大量积水需清理"], "清扫并消毒", "已清理干净", []),
        ["tree-pruning"] = new(["路边树枝遮挡路灯", "树枝伸进宿舍窗户", "有断枝挂在树上，有安全隐患"], "修剪树枝并清运", "已修剪，断枝已清运", []),
        ["meeting-setup"] = new(["周五下午学院会议需布置会场（50人）", "报告厅需要调试音响并摆放席卡", "会议室需要摆放桌椅和茶水"], "按要求布置会场，调试音响", "会场已布置完毕", ["席卡"]),
    };

    /// <summary>Problems outside the office's remit, where the owner sent the requester, and why.</summary>
    public static readonly (string Category, string Description, string ReferredTo, string Reason)[] Referrals =
    [
        ("socket", "宿舍网口没有网络", "信息化办公室（校园网报修 8888）", "校园网络不属于后勤维修范围"),
        ("public-area", "楼下停放的自行车被盗", "保卫处（电话 110 校内分机 6110）", "失窃案件由保卫处受理"),
        ("door-lock", "门禁刷卡无反应，校园卡被锁定", "一卡通管理中心", "校园卡挂失与解锁由一卡通中心办理"),
        ("bed-desk", "申请调换宿舍床位", "学生公寓管理中心", "床位调整由公寓管理中心审批"),
    ];

    public static readonly string[] GoodComments = ["师傅来得很快，谢谢！", "处理及时，态度很好", "修得很好", "非常满意", "效率很高"];

    public static readonly string[] PoorComments = ["等了很久才有人来", "修完没多久又坏了", "师傅态度不太好", "来回跑了好几趟才解决"];

    public static readonly string[] CallerSurnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "周", "吴", "孙"];

    public static readonly string[] CallerTitles = ["老师", "同学", "师傅", "女士", "先生"];
}
