"""English for the platform's Chinese source strings, merged into locale/en by ``bin/i18n``.

Keeping the pairs here (rather than editing the .po by hand) lets makemessages regenerate the catalogue freely.
"""

EN = {
    "标题": "Subject", "状态": "Status", "动作": "Action", "操作人": "Actor", "数据": "Data", "有效": "Active",
    "创建时间": "Created", "更新时间": "Updated", "基础": "Foundation", "所属组织": "Organisation",
    "操作人标识": "Actor label", "对象类型": "Target type", "对象编号": "Target ID", "对象": "Target",
    "IP 地址": "IP address", "时间": "Time", "审计日志": "Audit log", "红色预警": "Red warning",
    "蓝色预警": "Blue warning", "无": "None",
    "身份证号码应为 18 位：前 17 位数字，最后一位为数字或 X":
        "An ID number has 18 characters: 17 digits, then a digit or X",
    "身份证号码中的出生日期 {date} 不存在": "The birth date {date} in the ID number does not exist",
    "身份证号码中的出生日期 {date} 不合理": "The birth date {date} in the ID number is not plausible",
    "身份证号码校验位错误（GB 11643）": "Wrong check digit in the ID number (GB 11643)",
    "统一社会信用代码应为 18 位数字或大写字母（不含 I、O、Z、S、V）":
        "A unified social credit code has 18 digits or capital letters (no I, O, Z, S, V)",
    "统一社会信用代码第 3–8 位应为行政区划码": "Characters 3–8 of a unified social credit code are a region code",
    "统一社会信用代码校验位错误（GB 32100）": "Wrong check character in the unified social credit code (GB 32100)",
    "手机号码应为 11 位、以 13–19 开头的中国大陆号码": "A mobile number has 11 digits and starts with 13–19",
    "行政区划代码应为 6 位或 12 位数字（GB/T 2260）": "A region code has 6 or 12 digits (GB/T 2260)",
    "行政区划代码的省级代码 {code} 不存在": "Province code {code} does not exist",
    "身份与权限": "Identity and permissions", "劳动者": "Worker", "用人单位管理员": "Employer HR",
    "印章管理员": "Seal keeper", "部门工作人员": "Department officer", "劳动监察员": "Labor inspector",
    "调解员": "Mediator", "平台管理员": "Platform admin", "未认证": "Not verified",
    "姓名与身份证号比对": "Name and ID number match", "手机验证码 + 姓名身份证号比对": "SMS code + name and ID match",
    "人脸识别": "Face recognition", "线下核验": "Checked in person", "手机号码": "Mobile number",
    "短信验证码": "SMS code", "验证码应为 6 位数字": "The code has 6 digits", "用户名": "Username", "密码": "Password",
    "姓名": "Name", "身份证号码": "ID number", "电子邮箱": "Email", "实名认证方式": "Verification method",
    "实名认证时间": "Verified at", "可登录管理后台": "Admin access", "连续登录失败次数": "Failed logins",
    "锁定至": "Locked until", "界面语言": "Language", "用户": "User", "组织": "Organisation", "角色": "Role",
    "数据范围（区划）": "Data scope (region)",
    "部门角色只能看到本区划及其下级的数据": "Department roles see only this region and the regions below it",
    "角色成员": "Role membership", "用途": "Purpose", "过期时间": "Expires", "已尝试次数": "Attempts",
    "使用时间": "Used at", "名称": "Name", "客户端标识": "Client ID", "授权范围": "Scopes", "接口客户端": "API client",
    "访问令牌": "Access token",
    "验证码发送过于频繁，请 {s} 秒后再试": "Codes are being requested too often; try again in {s} seconds",
    "该手机号一小时内获取验证码次数已达上限": "This phone has reached its hourly limit of codes",
    "当前网络一小时内获取验证码次数已达上限": "This network has reached its hourly limit of codes",
    "验证码已过期或不存在，请重新获取": "The code has expired or does not exist; request a new one",
    "验证码错误次数过多，请重新获取": "Too many wrong codes; request a new one",
    "验证码不正确，还可尝试 {n} 次": "Wrong code; {n} attempts left",
    "该账号已停用": "This account is disabled", "用户名或密码错误": "Wrong username or password",
    "连续登录失败次数过多，账号已锁定，请于 {t} 后再试": "Too many failed logins: the account is locked until {t}",
    "连续登录失败次数过多，账号已锁定 {m} 分钟": "Too many failed logins: the account is locked for {m} minutes",
    "该身份证号码已登记": "This ID number is already registered",
    "该手机号码已登记": "This mobile number is already registered",
    "身份证号码与登记信息不一致": "The ID number does not match the record",
    "姓名与登记信息不一致": "The name does not match the record",
    "该身份证号码已被其他账号认证": "This ID number is verified on another account",
    "客户端标识或密钥错误": "Wrong client ID or secret", "申请的范围超出授权：{s}": "Scopes not granted: {s}",
    "短信验证码登录": "SMS code login",
    "劳动者使用手机号和短信验证码登录，无需注册、无需插件。":
        "Workers log in with their mobile number and an SMS code: no registration, no plug-in.",
    "获取验证码": "Send code", "登录": "Log in", "工作人员账号密码登录": "Staff login with password",
    "工作人员登录": "Staff login", "劳动者短信验证码登录": "Worker login with SMS code",
    "验证码已发送，5 分钟内有效": "Code sent; valid for 5 minutes", "个人信息": "My profile", "实名认证": "Real-name check",
    "未认证，去认证": "Not verified: verify now",
    "请填写本人姓名和身份证号码，与登记信息核对一致后完成认证。":
        "Enter your name and ID number; they are checked against the record.",
    "提交认证": "Verify", "实名认证已完成": "Real-name check complete", "内容": "Content", "消息类型": "Message type",
    "消息": "Messages", "消息中心": "Messages", "全部标为已读": "Mark all read", "已读": "Read", "标为已读": "Mark read",
    "暂无消息": "No messages", "短信发件箱（演示）": "SMS outbox (demo)", "手机号": "Mobile", "筛选": "Filter",
    "暂无短信": "No SMS", "链接已过期": "Link expired", "链接无效": "Invalid link",
    "企业": "Enterprise", "政府部门": "Government department", "银行": "Bank", "其他组织": "Other organisation",
    "大型": "Large", "中型": "Medium", "小型": "Small", "微型": "Micro", "存续": "Active", "经营异常": "Abnormal",
    "注销": "Deregistered", "省级": "Province", "地级": "Prefecture", "县级": "County", "乡级": "Town", "村级": "Village",
    "治理平台": "Zhili platform", "菜单": "Menu", "首页": "Home", "退出": "Log out",
    "治理平台 · 开源的数字政府场景应用": "Zhili · open-source digital-government scene applications",
    "您好，%(name)s": "Hello, %(name)s", "您有 %(unread)s 条未读消息": "You have %(unread)s unread messages",
    "我的服务": "My services", "已实名认证": "Real name verified", "去实名认证": "Verify your real name",
    "暂无可办理的事项": "Nothing to do yet", "用人单位工作台": "Employer workspace", "治理端工作台": "Governance workspace",
    "数据范围": "Data scope", "平台管理": "Platform administration", "进入管理后台": "Open the admin",
    "上一页": "Previous", "第 %(n)s / %(total)s 页": "Page %(n)s of %(total)s", "下一页": "Next",
    # core.jobs
    "定时任务": "Periodic jobs", "任务": "Job", "计划时间": "Scheduled for", "入队时间": "Queued at",
    "任务结果编号": "Task result ID", "入队时状态": "Status when queued", "触发人": "Triggered by",
    "为空表示按计划触发": "Empty when triggered by the schedule", "定时任务运行": "Periodic job run",
    "计划": "Schedule", "最近一次": "Last run", "下次": "Next run", "手动": "manual", "尚未运行": "Not run yet",
    "立即运行": "Run now", "没有定时任务": "No periodic jobs",
    "已将“%(name)s”加入任务队列（%(status)s）": "Queued “%(name)s” (%(status)s)",
    "后台进程 <code>manage.py run_worker</code> 按计划将下列任务加入队列并执行；同一计划时间只执行一次。平台停机期间错过的时段，恢复后只补执行最近一次。":
        "The background process <code>manage.py run_worker</code> queues and runs these jobs on schedule, once per "
        "scheduled time. Times missed while the platform was down are caught up once, for the latest only.",
    # labor_contract: unverified minimum wages; dismissal (Art. 40 / Art. 42)
    "标准数额、档次划分与文号未经核实，以浙江省人民政府公布的正式文件为准":
        "amounts, tiers and document numbers not verified; the Zhejiang provincial government's official notice prevails",
    "文号未经核实": "document number not verified",
    "书面通知日期（无过失性辞退须提前三十日书面通知）": "Written notice date (a no-fault dismissal needs 30 days' written notice)",
    "不提前通知，额外支付劳动者一个月工资（代通知金）": "No advance notice: pay the worker one extra month's wage in lieu",
    "劳动者属于以下情形（《劳动合同法》第四十二条，不得依照第四十条、第四十一条解除）":
        "The worker is in one of these circumstances (Labour Contract Law Art. 42: no dismissal under Art. 40 or 41)",
    "确认劳动者不属于上述任何情形（无过失性辞退、经济性裁员时须确认）":
        "I confirm none of these circumstances applies (required for a no-fault dismissal or a layoff)",
    "从事接触职业病危害作业未进行离岗前职业健康检查，或疑似职业病病人在诊断或者医学观察期间":
        "Exposed to occupational-disease hazards without an exit health examination, or a suspected occupational-disease "
        "patient under diagnosis or medical observation",
    "在本单位患职业病或者因工负伤并被确认丧失或者部分丧失劳动能力":
        "Has an occupational disease or a work injury from this employer and has lost all or part of the capacity to work",
    "患病或者非因工负伤，在规定的医疗期内": "Ill or injured off duty, within the statutory medical treatment period",
    "女职工在孕期、产期、哺乳期": "A woman in pregnancy, maternity leave or the nursing period",
    "在本单位连续工作满十五年，且距法定退休年龄不足五年":
        "Has worked 15 consecutive years for this employer and is less than 5 years from statutory retirement age",
    "法律、行政法规规定的其他情形": "Other circumstances provided by laws and administrative regulations",
    "受保护情形：未知的情形 {code}": "Protected circumstances: unknown circumstance {code}",
    "劳动者{what}，用人单位不得依照第四十条、第四十一条解除劳动合同":
        "The worker: {what}; the employer may not end the contract under Art. 40 or Art. 41",
    "无过失性辞退须提前 {days} 日以书面形式通知劳动者，或者额外支付劳动者一个月工资：请填写书面通知日期或选择额外支付一个月工资":
        "A no-fault dismissal needs {days} days' written notice or one extra month's wage: enter the notice date or "
        "choose the payment in lieu",
    "书面通知日期 {notice} 距解除日期 {ended} 不足 {days} 日，须提前 {days} 日通知或者额外支付一个月工资":
        "The notice date {notice} is less than {days} days before the end date {ended}: give {days} days' notice or pay "
        "one extra month's wage",
    "受保护情形：请确认劳动者不属于不得解除劳动合同的情形（《劳动合同法》第四十二条）":
        "Protected circumstances: confirm the worker is not in a circumstance that bars dismissal (Labour Contract Law "
        "Art. 42)",
    "文档事件名列表；[\"*\"] 表示全部文档事件": "Document event names; [\"*\"] means every document event",
}
