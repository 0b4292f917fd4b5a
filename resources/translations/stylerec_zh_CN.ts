<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CatalogListModel</name>
    <message>
        <location filename="../../stylerec_app/ui/catalog_model.py" line="36"/>
        <source>No photo</source>
        <translation>无照片</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/catalog_model.py" line="37"/>
        <source>Photo missing or damaged</source>
        <translation>照片缺失或已损坏</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/catalog_model.py" line="98"/>
        <source>%1 colours</source>
        <translation>%1 种颜色</translation>
    </message>
</context>
<context>
    <name>CatalogPage</name>
    <message>
        <location filename="../../stylerec_app/ui/catalog_page.py" line="50"/>
        <source>Search title, description, category or ID…</source>
        <translation>搜索标题、描述、类别或编号…</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/catalog_page.py" line="59"/>
        <source>any</source>
        <translation>不限</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/catalog_page.py" line="66"/>
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/catalog_page.py" line="124"/>
        <source>Opening the store…</source>
        <translation>正在打开商品库…</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/catalog_page.py" line="136"/>
        <source>No store is open. Use File → Open Store… or File → New Demo Store.</source>
        <translation>尚未打开商品库。请使用“文件 → 打开商品库…”或“文件 → 新建演示商品库…”。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/catalog_page.py" line="166"/>
        <source>Searching…</source>
        <translation>正在搜索…</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/catalog_page.py" line="185"/>
        <source>Could not read more products: %1</source>
        <translation>无法读取更多商品：%1</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/catalog_page.py" line="195"/>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/catalog_page.py" line="196"/>
        <source>All colours</source>
        <translation>全部颜色</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/catalog_page.py" line="217"/>
        <source>%1 products</source>
        <translation>%1 件商品</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/catalog_page.py" line="221"/>
        <source>This store has no products yet.
Import a catalog with File → Import, or drop a catalog folder on this window.</source>
        <translation>此商品库还没有商品。
请通过“文件 → 导入”导入商品目录，或将目录文件夹拖到此窗口。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/catalog_page.py" line="224"/>
        <source>No products match these filters.</source>
        <translation>没有符合筛选条件的商品。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/catalog_page.py" line="229"/>
        <source>Could not read the catalog: %1</source>
        <translation>无法读取商品目录：%1</translation>
    </message>
</context>
<context>
    <name>CollectionsPage</name>
    <message>
        <location filename="../../stylerec_app/ui/collections_page.py" line="67"/>
        <source>New collection…</source>
        <translation>新建合集…</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/collections_page.py" line="69"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/collections_page.py" line="81"/>
        <source>Each persona&apos;s own style blend</source>
        <translation>每个画像群体自己的风格混合</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/collections_page.py" line="89"/>
        <source>Keep the product&apos;s colours</source>
        <translation>保留商品颜色</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/collections_page.py" line="91"/>
        <location filename="../../stylerec_app/ui/collections_page.py" line="480"/>
        <source>Style</source>
        <translation>风格</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/collections_page.py" line="91"/>
        <source>Strength</source>
        <translation>强度</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/collections_page.py" line="92"/>
        <source>Restyle</source>
        <translation>重绘范围</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/collections_page.py" line="95"/>
        <source>Style per persona…</source>
        <translation>按画像群体设置风格…</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/collections_page.py" line="96"/>
        <source>Give one persona&apos;s images another style than the collection&apos;s.</source>
        <translation>为某个画像群体的图片使用不同于合集的风格。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/collections_page.py" line="103"/>
        <source>Products added now are added for each ticked persona (none ticked: for every shopper).</source>
        <translation>现在添加的商品会为每个勾选的画像群体各添加一份（未勾选：面向所有顾客）。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/collections_page.py" line="105"/>
        <source>Add the catalog&apos;s results</source>
        <translation>添加商品目录的结果</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/collections_page.py" line="106"/>
        <source>Add a persona&apos;s top picks…</source>
        <translation>添加画像群体的首选推荐…</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/collections_page.py" line="107"/>
        <source>Add products by id…</source>
        <translation>按编号添加商品…</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/collections_page.py" line="109"/>
        <source>For personas</source>
        <translation>面向画像群体</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/collections_page.py" line="124"/>
        <source>Approve (A)</source>
        <translation>通过 (A)</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/collections_page.py" line="125"/>
        <source>Reject (R)</source>
        <translation>驳回 (R)</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/collections_page.py" line="126"/>
        <source>Back to pending</source>
        <translation>恢复为待审</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/collections_page.py" line="128"/>
        <source>note for the selected images (kept in the manifest)</source>
        <translation>所选图片的备注（写入清单）</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/collections_page.py" line="130"/>
        <source>Export approved…</source>
        <translation>导出已通过的图片…</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/collections_page.py" line="200"/>
        <source>%1
✓ %2 · ✗ %3 · %4 to review</source>
        <translation>%1
✓ %2 · ✗ %3 · %4 张待审</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/collections_page.py" line="254"/>
        <source>No collection open. A collection is a styled catalog for a shop: make one with New collection…, add products (from the catalog&apos;s results, a persona&apos;s top picks or by id), review the restyled images and export the approved ones.</source>
        <translation>尚未打开合集。合集是为店铺准备的风格化商品目录：用“新建合集…”创建，添加商品（来自商品目录的结果、画像群体的首选推荐或按编号），审核重绘后的图片，再导出已通过的图片。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/collections_page.py" line="260"/>
        <source>This collection is empty: add products with the buttons above.</source>
        <translation>此合集为空：请用上方的按钮添加商品。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/collections_page.py" line="278"/>
        <source>%1 images: %2 approved, %3 rejected, %4 to review</source>
        <translation>共 %1 张图片：%2 张通过，%3 张驳回，%4 张待审</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/collections_page.py" line="291"/>
        <source>every shopper</source>
        <translation>所有顾客</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/collections_page.py" line="309"/>
        <source>restyled</source>
        <translation>已换风格</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/collections_page.py" line="311"/>
        <source>✓ approved</source>
        <translation>✓ 已通过</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/collections_page.py" line="312"/>
        <source>✗ rejected</source>
        <translation>✗ 已驳回</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/collections_page.py" line="402"/>
        <source>Select images in the grid first (Ctrl+A: all).</source>
        <translation>请先在网格中选择图片（Ctrl+A：全选）。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/collections_page.py" line="417"/>
        <source>New collection</source>
        <translation>新建合集</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/collections_page.py" line="417"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/collections_page.py" line="429"/>
        <source>Add products</source>
        <translation>添加商品</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/collections_page.py" line="430"/>
        <source>Product ids (separated by spaces or commas)</source>
        <translation>商品编号（用空格或逗号分隔）</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/collections_page.py" line="439"/>
        <location filename="../../stylerec_app/ui/collections_page.py" line="471"/>
        <source>No personas yet: build them in Shoppers → Personas.</source>
        <translation>还没有画像群体：请在“顾客 → 画像群体”中生成。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/collections_page.py" line="442"/>
        <location filename="../../stylerec_app/ui/collections_page.py" line="446"/>
        <location filename="../../stylerec_app/ui/collections_page.py" line="451"/>
        <source>A persona&apos;s top picks</source>
        <translation>画像群体的首选推荐</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/collections_page.py" line="443"/>
        <location filename="../../stylerec_app/ui/collections_page.py" line="474"/>
        <source>Persona</source>
        <translation>画像群体</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/collections_page.py" line="447"/>
        <source>How many products</source>
        <translation>商品数量</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/collections_page.py" line="452"/>
        <source>Recommender (trained)</source>
        <translation>推荐模型（已训练）</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/collections_page.py" line="474"/>
        <location filename="../../stylerec_app/ui/collections_page.py" line="480"/>
        <source>Style per persona</source>
        <translation>按画像群体设置风格</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/collections_page.py" line="478"/>
        <source>The collection&apos;s style</source>
        <translation>合集的风格</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/collections_page.py" line="489"/>
        <source>Export into a new or empty folder</source>
        <translation>导出到新的或空的文件夹</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <location filename="../../stylerec_app/ui/support.py" line="102"/>
        <source>StyleRec is still running and your data is safe. If this keeps happening, send the details below to your support contact.</source>
        <translation>StyleRec 仍在运行，您的数据是安全的。如果此问题反复出现，请将下面的详细信息发送给技术支持。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/support.py" line="108"/>
        <source>Copy details</source>
        <translation>复制详细信息</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/support.py" line="109"/>
        <source>Open log folder</source>
        <translation>打开日志文件夹</translation>
    </message>
</context>
<context>
    <name>EvaluationPage</name>
    <message>
        <location filename="../../stylerec_app/ui/evaluation_page.py" line="70"/>
        <source>Choose a dataset, a protocol and the models to compare, then press Run. Results appear here; each run also writes an HTML report you can open or share.</source>
        <translation>选择数据集、评估协议和要比较的模型，然后点击“运行评估”。结果显示在这里；每次运行还会生成一份可以打开或分享的 HTML 报告。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/evaluation_page.py" line="78"/>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/evaluation_page.py" line="81"/>
        <source>Current store</source>
        <translation>当前数据库</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/evaluation_page.py" line="82"/>
        <source>H&amp;M folder</source>
        <translation>H&amp;M 数据文件夹</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/evaluation_page.py" line="83"/>
        <source>MovieLens-100K folder</source>
        <translation>MovieLens-100K 文件夹</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/evaluation_page.py" line="84"/>
        <source>Another store file</source>
        <translation>其他数据库文件</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/evaluation_page.py" line="86"/>
        <source>default: the shared data folder</source>
        <translation>默认：共享数据文件夹</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/evaluation_page.py" line="87"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/evaluation_page.py" line="92"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/evaluation_page.py" line="93"/>
        <source>Location</source>
        <translation>位置</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/evaluation_page.py" line="97"/>
        <source>implicit (no threshold)</source>
        <translation>隐式反馈（无阈值）</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/evaluation_page.py" line="98"/>
        <source>Relevant ratings ≥</source>
        <translation>相关评分 ≥</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/evaluation_page.py" line="102"/>
        <source>Protocol</source>
        <translation>评估协议</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/evaluation_page.py" line="105"/>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/evaluation_page.py" line="110"/>
        <source>Random split</source>
        <translation>随机划分</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/evaluation_page.py" line="111"/>
        <source>Random split per user</source>
        <translation>按用户随机划分</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/evaluation_page.py" line="112"/>
        <source>Leave last day out per user</source>
        <translation>按用户留出最后一天</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/evaluation_page.py" line="113"/>
        <source>Global temporal split</source>
        <translation>全局时间划分</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/evaluation_page.py" line="131"/>
        <source>Unseen items</source>
        <translation>未见过的商品</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/evaluation_page.py" line="132"/>
        <source>Drop only relevant seen items (Cornac 2+)</source>
        <translation>仅去除已见过的相关商品（Cornac 2+）</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/evaluation_page.py" line="133"/>
        <source>All items (Cornac 1.x)</source>
        <translation>全部商品（Cornac 1.x）</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/evaluation_page.py" line="134"/>
        <source>Buy again (repeat purchases count)</source>
        <translation>再次购买（重复购买计入）</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/evaluation_page.py" line="137"/>
        <source>Tune on the validation part</source>
        <translation>在验证集上调参</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/evaluation_page.py" line="139"/>
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/evaluation_page.py" line="140"/>
        <source>Split</source>
        <translation>划分</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/evaluation_page.py" line="141"/>
        <source>Test share</source>
        <translation>测试比例</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/evaluation_page.py" line="142"/>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/evaluation_page.py" line="143"/>
        <source>Test from</source>
        <translation>测试起始日期</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/evaluation_page.py" line="144"/>
        <source>Candidates</source>
        <translation>候选商品</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/evaluation_page.py" line="148"/>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/evaluation_page.py" line="158"/>
        <source>Cut-offs k</source>
        <translation>截断位置 k</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/evaluation_page.py" line="161"/>
        <source>Run evaluation</source>
        <translation>运行评估</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/evaluation_page.py" line="178"/>
        <source>Choose a store</source>
        <translation>选择数据库</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/evaluation_page.py" line="179"/>
        <source>StyleRec stores (*.sqlite *.db)</source>
        <translation>StyleRec 数据库 (*.sqlite *.db)</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/evaluation_page.py" line="181"/>
        <source>Choose the data folder</source>
        <translation>选择数据文件夹</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/evaluation_page.py" line="229"/>
        <source>No store is open.</source>
        <translation>没有打开的数据库。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/evaluation_page.py" line="233"/>
        <source>Choose a store file.</source>
        <translation>请选择一个数据库文件。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/evaluation_page.py" line="242"/>
        <source>Cut-offs must be whole numbers such as 10,20.</source>
        <translation>截断位置必须是整数，例如 10,20。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/evaluation_page.py" line="245"/>
        <source>Choose at least one model.</source>
        <translation>请至少选择一个模型。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/evaluation_page.py" line="273"/>
        <source>Evaluating… progress is shown in the status bar and in Jobs, where the run can be cancelled.</source>
        <translation>正在评估… 进度显示在状态栏和“任务”中，可在那里取消。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/evaluation_page.py" line="285"/>
        <source>Open HTML report</source>
        <translation>打开 HTML 报告</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/evaluation_page.py" line="303"/>
        <source>Results</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/evaluation_page.py" line="304"/>
        <source>Comparisons</source>
        <translation>对比</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/evaluation_page.py" line="305"/>
        <source>Charts</source>
        <translation>图表</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/evaluation_page.py" line="306"/>
        <source>Shoppers</source>
        <translation>顾客</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/evaluation_page.py" line="315"/>
        <source>The evaluation did not finish: %1</source>
        <translation>评估未完成：%1</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/evaluation_page.py" line="347"/>
        <source>%1 — %2. %3 users evaluated in %4 s.</source>
        <translation>%1 — %2。已评估 %3 位用户，用时 %4 秒。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/evaluation_page.py" line="352"/>
        <source>Skipped: %1.</source>
        <translation>跳过：%1。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/evaluation_page.py" line="356"/>
        <source>More than half of the shoppers were skipped (%1 of %2), so these numbers describe few of them. A per-shopper leave-last protocol evaluates every shopper with two or more purchase days.</source>
        <translation>超过一半的顾客被跳过（%2 位中的 %1 位），这些数字只代表少数顾客。按顾客留出最后一天的协议会评估每一位有两天及以上购买记录的顾客。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/evaluation_page.py" line="361"/>
        <source>Not run: %1.</source>
        <translation>未运行：%1。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/evaluation_page.py" line="393"/>
        <source>style affinity (hybrid − hybrid-no-style)</source>
        <translation>风格亲和度（hybrid − hybrid-no-style）</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/evaluation_page.py" line="396"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/evaluation_page.py" line="396"/>
        <source>Metric</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/evaluation_page.py" line="396"/>
        <source>Difference</source>
        <translation>差值</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/evaluation_page.py" line="396"/>
        <source>95% CI</source>
        <translation>95% 置信区间</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/evaluation_page.py" line="397"/>
        <source>p (paired t)</source>
        <translation>p（配对 t 检验）</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/evaluation_page.py" line="397"/>
        <source>p (Wilcoxon)</source>
        <translation>p（Wilcoxon 检验）</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/evaluation_page.py" line="410"/>
        <source>Against the best model that does not use images: %1</source>
        <translation>与不使用图像的最佳模型对比：%1</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/evaluation_page.py" line="419"/>
        <source>Shopper</source>
        <translation>顾客</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/evaluation_page.py" line="433"/>
        <source>Double-click a shopper to see their recommendations</source>
        <translation>双击顾客查看其推荐</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/evaluation_page.py" line="434"/>
        <source>Open this dataset&apos;s store to see a shopper&apos;s recommendations</source>
        <translation>打开该数据集的数据库才能查看顾客的推荐</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/evaluation_page.py" line="448"/>
        <source>No model was evaluated, so there is nothing to plot.</source>
        <translation>没有评估任何模型，因此没有可绘制的图表。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/evaluation_page.py" line="475"/>
        <source>No web browser could open the report. It is saved at %1 (the path is on the clipboard).</source>
        <translation>没有可以打开报告的浏览器。报告已保存在 %1（路径已复制到剪贴板）。</translation>
    </message>
</context>
<context>
    <name>ExceptionBridge</name>
    <message>
        <location filename="../../stylerec_app/ui/support.py" line="147"/>
        <source>Something went wrong</source>
        <translation>出现错误</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/support.py" line="148"/>
        <source>An unexpected error occurred: %1</source>
        <translation>发生意外错误：%1</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../stylerec_app/ui/first_run.py" line="11"/>
        <source>Welcome to StyleRec</source>
        <translation>欢迎使用 StyleRec</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/first_run.py" line="16"/>
        <source>&lt;b&gt;Bring your own data&lt;/b&gt;: File → Import H&amp;amp;M Folder… (Ctrl+I) for the H&amp;amp;M layout, or File → Import Catalog Files… (Ctrl+Shift+I) for CSV or JSON Lines products, photos, shoppers and events. You can also drop a folder on the window. Bad rows are reported, good rows still import.</source>
        <translation>&lt;b&gt;导入自己的数据&lt;/b&gt;：H&amp;amp;M 格式请用“文件 → 导入 H&amp;amp;M 文件夹…”（Ctrl+I）；CSV 或 JSON Lines 格式的商品、照片、顾客和行为数据请用“文件 → 导入商品目录文件…”（Ctrl+Shift+I）。也可以把文件夹拖到窗口上。有问题的行会被报告，正常的行照常导入。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/first_run.py" line="20"/>
        <source>&lt;b&gt;Then&lt;/b&gt;: Profiles → Build Profiles (Ctrl+P) reads photos and texts; Style Studio restyles products; Recommendations ranks products for each shopper; Evaluation compares the recommenders offline.</source>
        <translation>&lt;b&gt;接下来&lt;/b&gt;：“画像 → 构建画像”（Ctrl+P）读取照片和文本；“风格工作室”为商品换风格；“推荐”为每位顾客排序商品；“评估”离线比较各推荐模型。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/first_run.py" line="35"/>
        <source>StyleRec opened a &lt;b&gt;demo store&lt;/b&gt;: 336 generated products with photos and 300 simulated shoppers, so every area has something to show.</source>
        <translation>StyleRec 打开了一个&lt;b&gt;演示数据库&lt;/b&gt;：336 件带照片的生成商品和 300 位模拟顾客，让每个功能区都有内容可看。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/first_run.py" line="37"/>
        <source>It is ready.</source>
        <translation>已创建完成。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/first_run.py" line="38"/>
        <source>It is being created now; watch the status bar.</source>
        <translation>它正在创建中，请留意状态栏。</translation>
    </message>
</context>
<context>
    <name>GenericImportDialog</name>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="74"/>
        <source>Import a catalog</source>
        <translation>导入商品目录</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="76"/>
        <source>Tables (*.csv *.jsonl *.json)</source>
        <translation>表格文件 (*.csv *.jsonl *.json)</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="83"/>
        <source>Detect (UTF-8 or GBK)</source>
        <translation>自动检测（UTF-8 或 GBK）</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="87"/>
        <source>Point (12.50)</source>
        <translation>点号（12.50）</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="88"/>
        <source>Comma (12,50)</source>
        <translation>逗号（12,50）</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="89"/>
        <source>How prices and values write decimals. A number that could be read either way is rejected, never guessed.</source>
        <translation>价格和数值使用的小数点写法。可以两种方式理解的数字会被拒绝，绝不猜测。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="92"/>
        <source>Products (required)</source>
        <translation>商品（必填）</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="93"/>
        <source>Photos folder</source>
        <translation>照片文件夹</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="94"/>
        <source>Shoppers</source>
        <translation>顾客</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="95"/>
        <source>Events</source>
        <translation>行为事件</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="96"/>
        <source>Reviews</source>
        <translation>评价</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="97"/>
        <source>Text encoding</source>
        <translation>文本编码</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="98"/>
        <source>Decimal mark</source>
        <translation>小数点</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="99"/>
        <source>Columns are matched by name (id/sku, title/name, price, category, colour, image…). See the README for the full list.</source>
        <translation>按列名匹配字段（id/sku、title/name、price、category、colour、image…），完整列表见 README。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="106"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="117"/>
        <source>Choose the products file.</source>
        <translation>请选择商品文件。</translation>
    </message>
</context>
<context>
    <name>ImportActions</name>
    <message>
        <location filename="../../stylerec_app/ui/import_actions.py" line="27"/>
        <source>Choose an H&amp;M-layout folder</source>
        <translation>选择 H&amp;M 格式的文件夹</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_actions.py" line="56"/>
        <location filename="../../stylerec_app/ui/import_actions.py" line="62"/>
        <source>Import %1</source>
        <translation>导入 %1</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_actions.py" line="82"/>
        <source>Cannot import</source>
        <translation>无法导入</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_actions.py" line="83"/>
        <source>Open or create a store first.</source>
        <translation>请先打开或创建商品库。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_actions.py" line="97"/>
        <source>The import failed</source>
        <translation>导入失败</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_actions.py" line="106"/>
        <source>Import report</source>
        <translation>导入报告</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_actions.py" line="107"/>
        <source>No import has run in this session yet.</source>
        <translation>本次会话尚未进行导入。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_actions.py" line="135"/>
        <source>Not a catalog folder</source>
        <translation>不是商品目录文件夹</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_actions.py" line="136"/>
        <source>%1 has neither articles.csv (H&amp;M layout) nor products.csv / products.jsonl.</source>
        <translation>%1 中既没有 articles.csv（H&amp;M 格式），也没有 products.csv / products.jsonl。</translation>
    </message>
</context>
<context>
    <name>ImportReportDialog</name>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="135"/>
        <source>Import report</source>
        <translation>导入报告</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="137"/>
        <source>completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="137"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="138"/>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="139"/>
        <source>Import from %1: %2</source>
        <translation>从 %1 导入：%2</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="143"/>
        <source>Products</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="143"/>
        <source>Shoppers</source>
        <translation>顾客</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="144"/>
        <source>Events</source>
        <translation>行为事件</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="144"/>
        <source>Reviews</source>
        <translation>评价</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="146"/>
        <source>Rows</source>
        <translation>数据</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="146"/>
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="146"/>
        <source>Updated</source>
        <translation>更新</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="147"/>
        <source>Unchanged</source>
        <translation>未变</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="147"/>
        <source>Rejected</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="156"/>
        <source>%1 rows rejected, %2 warnings. Good rows were imported; fix the rows below in the source files and import again.</source>
        <translation>%1 行被拒绝，%2 条警告。有效的行已导入；请在源文件中修正下列行后重新导入。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="159"/>
        <source>Every row was imported; %2 of them have warnings (for example a photo that could not be used), listed below.</source>
        <translation>所有行均已导入；其中 %2 行有警告（例如照片无法使用），见下表。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="162"/>
        <source>Every row was imported, with nothing to fix.</source>
        <translation>所有行均已导入，没有需要修正的内容。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="168"/>
        <source>Severity</source>
        <translation>级别</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="168"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="169"/>
        <source>Line</source>
        <translation>行号</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="169"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="171"/>
        <source>rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="171"/>
        <source>warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="177"/>
        <source>Save as CSV…</source>
        <translation>另存为 CSV…</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="198"/>
        <source>Save import report</source>
        <translation>保存导入报告</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="199"/>
        <source>CSV (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
</context>
<context>
    <name>ImportTargetDialog</name>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="222"/>
        <source>Import %1 into…</source>
        <translation>将 %1 导入到…</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="224"/>
        <source>A new store (recommended)</source>
        <translation>新建数据库（推荐）</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="227"/>
        <source>The open store: %1</source>
        <translation>当前打开的数据库：%1</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="236"/>
        <source>File name</source>
        <translation>文件名</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="240"/>
        <source>New stores are kept in %1.</source>
        <translation>新数据库保存在 %1。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="246"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
</context>
<context>
    <name>JobRow</name>
    <message>
        <location filename="../../stylerec_app/ui/jobs.py" line="272"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>JobsPanel</name>
    <message>
        <location filename="../../stylerec_app/ui/jobs.py" line="304"/>
        <source>No background jobs yet. Imports and other long tasks appear here with their progress and a Cancel button.</source>
        <translation>暂无后台任务。导入等耗时任务会显示在这里，附带进度和“取消”按钮。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="121"/>
        <location filename="../../stylerec_app/ui/main_window.py" line="186"/>
        <source>Catalog</source>
        <translation>商品目录</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="91"/>
        <location filename="../../stylerec_app/ui/main_window.py" line="122"/>
        <location filename="../../stylerec_app/ui/main_window.py" line="187"/>
        <source>Shoppers</source>
        <translation>顾客</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="123"/>
        <location filename="../../stylerec_app/ui/main_window.py" line="188"/>
        <source>Style Studio</source>
        <translation>风格工作室</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="124"/>
        <location filename="../../stylerec_app/ui/main_window.py" line="189"/>
        <source>Recommendations</source>
        <translation>推荐</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="126"/>
        <location filename="../../stylerec_app/ui/main_window.py" line="190"/>
        <source>Evaluation</source>
        <translation>评估</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="127"/>
        <source>Jobs</source>
        <translation>任务</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="161"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="162"/>
        <source>&amp;Open Store…</source>
        <translation>打开商品库(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="166"/>
        <source>New &amp;Demo Store…</source>
        <translation>新建演示商品库(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="168"/>
        <source>Import &amp;H&amp;&amp;M Folder…</source>
        <translation>导入 H&amp;&amp;M 文件夹(&amp;H)…</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="170"/>
        <source>Import &amp;Catalog Files…</source>
        <translation>导入商品目录文件(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="172"/>
        <source>Last Import &amp;Report</source>
        <translation>上次导入报告(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="177"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="178"/>
        <source>&amp;Profiles</source>
        <translation>画像(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="179"/>
        <source>&amp;Build Profiles</source>
        <translation>生成画像(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="181"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="182"/>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="183"/>
        <source>&amp;Jobs</source>
        <translation>任务(&amp;J)</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="174"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="194"/>
        <source>&amp;About StyleRec</source>
        <translation>关于 StyleRec(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="204"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="228"/>
        <source>Opening %1…</source>
        <translation>正在打开 %1…</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="250"/>
        <source>No store open</source>
        <translation>未打开商品库</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="255"/>
        <source>%1 — read-only: browse only, changes are disabled</source>
        <translation>%1 —— 只读：仅可浏览，修改已禁用</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="283"/>
        <source>Could not open the store</source>
        <translation>无法打开商品库</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="287"/>
        <source>Creating the demo store: rendering product photos and simulating shoppers. This takes a few seconds…</source>
        <translation>正在创建演示商品库：渲染商品照片并模拟顾客行为，需要几秒钟…</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="298"/>
        <source>Create the demo store</source>
        <translation>创建演示商品库</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="306"/>
        <location filename="../../stylerec_app/ui/main_window.py" line="322"/>
        <source>Could not create the demo store</source>
        <translation>无法创建演示商品库</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="312"/>
        <source>Open a store</source>
        <translation>打开商品库</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="313"/>
        <source>StyleRec stores (*.sqlite *.db)</source>
        <translation>StyleRec 商品库 (*.sqlite *.db)</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="318"/>
        <source>New demo store</source>
        <translation>新建演示商品库</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="319"/>
        <source>StyleRec stores (*.sqlite)</source>
        <translation>StyleRec 商品库 (*.sqlite)</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="323"/>
        <source>%1 already exists; choose a new file name.</source>
        <translation>%1 已存在，请换一个文件名。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="334"/>
        <source>Open or create a store first.</source>
        <translation>请先打开或创建商品库。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="333"/>
        <source>Cannot build profiles</source>
        <translation>无法生成画像</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="92"/>
        <source>Personas</source>
        <translation>画像群体</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="125"/>
        <location filename="../../stylerec_app/ui/main_window.py" line="191"/>
        <source>Collections</source>
        <translation>合集</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="164"/>
        <source>Open &amp;Team Store…</source>
        <translation>打开团队商店(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="221"/>
        <source>the team store %1</source>
        <translation>团队商店 %1</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="248"/>
        <source>Team store %1</source>
        <translation>团队商店 %1</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="339"/>
        <source>Build profiles on Ray (%1)</source>
        <translation>在 Ray 上构建画像（%1）</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="340"/>
        <source>Build profiles</source>
        <translation>生成画像</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="350"/>
        <source>Building profiles failed</source>
        <translation>生成画像失败</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="363"/>
        <source>Models on %1</source>
        <translation>模型运行于 %1</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="433"/>
        <source>%1 products · %2 shoppers · %3 events</source>
        <translation>%1 件商品 · %2 位顾客 · %3 条行为</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="437"/>
        <source>%1 photos need attention</source>
        <translation>%1 张照片需要处理</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="445"/>
        <location filename="../../stylerec_app/ui/main_window.py" line="468"/>
        <source>Starting…</source>
        <translation>正在开始…</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="445"/>
        <source>Importing products</source>
        <translation>正在导入商品</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="446"/>
        <source>Importing shoppers</source>
        <translation>正在导入顾客</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="446"/>
        <source>Importing events</source>
        <translation>正在导入行为事件</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="447"/>
        <source>Importing reviews</source>
        <translation>正在导入评价</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="448"/>
        <source>Rendering product photos</source>
        <translation>正在渲染商品照片</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="449"/>
        <source>Profiling products</source>
        <translation>正在生成商品画像</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="450"/>
        <source>Profiling shoppers</source>
        <translation>正在生成顾客画像</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="451"/>
        <source>Training</source>
        <translation>正在训练</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="451"/>
        <source>Exporting</source>
        <translation>正在导出</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="452"/>
        <source>Grouping shoppers into personas</source>
        <translation>正在将顾客分组为画像群体</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="453"/>
        <source>Exporting the approved images</source>
        <translation>正在导出已通过的图片</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="456"/>
        <source>Waiting for the running job to finish</source>
        <translation>等待当前任务完成</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="458"/>
        <source>Finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="460"/>
        <source>Cancelled — finished batches were kept; run it again to resume</source>
        <translation>已取消——已完成的批次已保留；再次运行即可继续</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="462"/>
        <source>Failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="464"/>
        <source>Cancelling… (stops after the current batch; nothing partial is kept)</source>
        <translation>正在取消……（当前批次结束后停止；不会保留不完整的结果）</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="471"/>
        <source>Training %1</source>
        <translation>正在训练 %1</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="473"/>
        <source>Ranking test users with %1</source>
        <translation>正在用 %1 为测试用户排序</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="475"/>
        <source>Tuning %1 (setting %2)</source>
        <translation>正在调参 %1（设置 %2）</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="478"/>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="482"/>
        <source>about %1 min left</source>
        <translation>约剩 %1 分钟</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="484"/>
        <source>about %1 s left</source>
        <translation>约剩 %1 秒</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="516"/>
        <source>Jobs are running</source>
        <translation>任务正在运行</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="517"/>
        <source>%1 job(s) are still running. Cancel them and quit? Finished batches are kept.</source>
        <translation>仍有 %1 个任务在运行。要取消并退出吗？已完成的批次会保留。</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../../stylerec_app/ui/messages.py" line="22"/>
        <source>not valid {encoding} text (bad byte at offset {offset})</source>
        <translation>不是有效的 {encoding} 文本（偏移量 {offset} 处有错误字节）</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/messages.py" line="23"/>
        <source>row is {size:,} bytes, over the {limit:,}-byte limit</source>
        <translation>该行有 {size:,} 字节，超过 {limit:,} 字节的上限</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/messages.py" line="24"/>
        <source>a quoted field opened on this line is never closed</source>
        <translation>此行开始的引号字段始终没有闭合</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/messages.py" line="26"/>
        <source>expected {expected} columns, found {found}</source>
        <translation>应有 {expected} 列，实际为 {found} 列</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/messages.py" line="27"/>
        <source>contains a NUL byte</source>
        <translation>包含 NUL 空字节</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/messages.py" line="28"/>
        <source>invalid JSON ({detail})</source>
        <translation>无效的 JSON（{detail}）</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/messages.py" line="29"/>
        <source>expected a JSON object</source>
        <translation>应为 JSON 对象</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/messages.py" line="30"/>
        <source>duplicate id “{id}” (first on line {first})</source>
        <translation>重复的编号“{id}”（首次出现在第 {first} 行）</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/messages.py" line="31"/>
        <source>cannot be read ({detail})</source>
        <translation>无法读取（{detail}）</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/messages.py" line="32"/>
        <source>missing {field}</source>
        <translation>缺少{field}</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/messages.py" line="33"/>
        <source>{field} “{value}” contains control characters</source>
        <translation>{field}“{value}”包含控制字符</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/messages.py" line="34"/>
        <source>{field} is {length:,} characters long (at most {limit:,})</source>
        <translation>{field}长 {length:,} 个字符（最多 {limit:,} 个）</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/messages.py" line="36"/>
        <location filename="../../stylerec_app/ui/messages.py" line="40"/>
        <source>invalid {field} “{value}”</source>
        <translation>无效的{field}“{value}”</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/messages.py" line="37"/>
        <source>unparsable {field} “{value}”</source>
        <translation>无法解析的{field}“{value}”</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/messages.py" line="38"/>
        <source>{field} “{value}” is ambiguous: say which decimal mark the file uses (point or comma)</source>
        <translation>{field}“{value}”有歧义：请指明文件使用的小数点（点号或逗号）</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/messages.py" line="41"/>
        <source>unparsable date “{value}”</source>
        <translation>无法解析的日期“{value}”</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/messages.py" line="42"/>
        <source>date “{value}” is outside {low} … {high}</source>
        <translation>日期“{value}”不在 {low} … {high} 范围内</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/messages.py" line="43"/>
        <source>unknown event kind “{value}” (expected view, click, cart, purchase or rating)</source>
        <translation>未知的行为类型“{value}”（应为浏览、点击、加购、购买或评分）</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/messages.py" line="45"/>
        <source>rating event without a value</source>
        <translation>评分行为缺少分值</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/messages.py" line="46"/>
        <source>unknown product “{id}”</source>
        <translation>未知商品“{id}”</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/messages.py" line="47"/>
        <source>photo not found: {path}</source>
        <translation>找不到照片：{path}</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/messages.py" line="48"/>
        <source>photo is not a regular file: {path}</source>
        <translation>照片不是普通文件：{path}</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/messages.py" line="49"/>
        <source>photo path {path} is outside the images folder</source>
        <translation>照片路径 {path} 不在图片文件夹内</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/messages.py" line="50"/>
        <source>photo is an empty file: {path}</source>
        <translation>照片是空文件：{path}</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/messages.py" line="51"/>
        <source>photo is {size_mb:.1f} MB, over the {limit_mb:g} MB limit: {path}</source>
        <translation>照片大小为 {size_mb:.1f} MB，超过 {limit_mb:g} MB 的上限：{path}</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/messages.py" line="53"/>
        <source>photo is {width}×{height} ({megapixels:.0f} MP), over the {limit_mp:g} MP limit: {path}</source>
        <translation>照片为 {width}×{height}（{megapixels:.0f} 百万像素），超过 {limit_mp:g} 百万像素的上限：{path}</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/messages.py" line="55"/>
        <source>corrupt photo: {path} ({detail})</source>
        <translation>照片已损坏：{path}（{detail}）</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/messages.py" line="56"/>
        <source>corrupt photo: {path} (not an image file)</source>
        <translation>照片已损坏：{path}（不是图片文件）</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/messages.py" line="57"/>
        <source>photo unreadable: {path} ({detail})</source>
        <translation>照片无法读取：{path}（{detail}）</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/messages.py" line="58"/>
        <source>{what} not found: {path}</source>
        <translation>找不到{what}：{path}</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/messages.py" line="59"/>
        <source>{what} is not a regular file: {path}</source>
        <translation>{what}不是普通文件：{path}</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/messages.py" line="60"/>
        <source>cannot read {path}: {detail}</source>
        <translation>无法读取 {path}：{detail}</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/messages.py" line="61"/>
        <source>{file} has no rows: nothing to import from it</source>
        <translation>{file} 没有数据行：无可导入的内容</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/messages.py" line="62"/>
        <source>{file} is UTF-16 text: save it as UTF-8 (CSV UTF-8 in Excel) and import again</source>
        <translation>{file} 是 UTF-16 文本：请另存为 UTF-8（Excel 中选择“CSV UTF-8”）后重新导入</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/messages.py" line="64"/>
        <source>{file}: no column for {fields} (accepted names: {accepted}; or map one)</source>
        <translation>{file}：没有{fields}列（可接受的列名：{accepted}；或手动映射一列）</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/messages.py" line="66"/>
        <source>{path} has no article_id column: not the H&amp;M layout</source>
        <translation>{path} 没有 article_id 列：不是 H&amp;M 格式</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/messages.py" line="67"/>
        <source>unknown text encoding “{encoding}”: use utf-8, utf-8-sig, gbk or gb18030</source>
        <translation>未知的文本编码“{encoding}”：请使用 utf-8、utf-8-sig、gbk 或 gb18030</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/messages.py" line="69"/>
        <source>images folder not found: {path}</source>
        <translation>找不到图片文件夹：{path}</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/messages.py" line="70"/>
        <source>The helper process reading {file} stopped unexpectedly (status {status}); what was written so far is kept. Run the import again to resume.</source>
        <translation>读取 {file} 的辅助进程意外退出（状态 {status}）；已写入的数据会保留。再次运行导入即可继续。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/messages.py" line="73"/>
        <source>Reading {file} failed ({detail}); what was written so far is kept.</source>
        <translation>读取 {file} 失败（{detail}）；已写入的数据会保留。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/messages.py" line="75"/>
        <source>No store at {path}.</source>
        <translation>{path} 处没有数据库。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/messages.py" line="76"/>
        <source>{path} is an empty file, not a StyleRec store; it was not changed.</source>
        <translation>{path} 是空文件，不是 StyleRec 数据库；文件未作任何更改。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/messages.py" line="78"/>
        <source>{path} is not an SQLite database, so not a StyleRec store; it was not changed.</source>
        <translation>{path} 不是 SQLite 数据库，因此不是 StyleRec 数据库；文件未作任何更改。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/messages.py" line="80"/>
        <source>{path} is an SQLite database of another application, not a StyleRec store; it was not changed.</source>
        <translation>{path} 是其他应用程序的 SQLite 数据库，不是 StyleRec 数据库；文件未作任何更改。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/messages.py" line="82"/>
        <source>{path} was written by a newer version of StyleRec (schema {revision}); this version knows schemas up to {head}. Update StyleRec to open it — the file was not changed.</source>
        <translation>{path} 由更新版本的 StyleRec 写入（结构版本 {revision}）；本版本最高只支持 {head}。请升级 StyleRec 后再打开——文件未作任何更改。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/messages.py" line="86"/>
        <source>Cannot open {path}: {detail}. The file was not changed.</source>
        <translation>无法打开 {path}：{detail}。文件未作任何更改。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/messages.py" line="88"/>
        <source>{path} is read-only: it can be browsed, not changed.</source>
        <translation>{path} 是只读的：只能浏览，不能修改。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/messages.py" line="89"/>
        <source>{path} was written by an older StyleRec and must be upgraded, which needs write access; it is read-only here, so it was not changed.</source>
        <translation>{path} 由旧版 StyleRec 写入，需要升级，而升级需要写入权限；此处为只读，因此文件未作任何更改。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/messages.py" line="92"/>
        <source>Upgrading {path} would leave rows of {table} pointing at nothing, so the upgrade was rolled back and the store left as it was (a backup sits beside it).</source>
        <translation>升级 {path} 会使 {table} 中的行指向不存在的记录，因此升级已回滚，仓库保持原样（旁边有一份备份）。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/messages.py" line="96"/>
        <source>The disk holding {path} is full: the batch in progress was rolled back and the store is intact. Free some space and run it again to resume.</source>
        <translation>{path} 所在的磁盘已满：正在处理的批次已回滚，数据库完好无损。请释放一些空间后重新运行以继续。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/messages.py" line="99"/>
        <source>Writing to {path} failed (the disk may be full, or the file too large for it): the batch in progress was rolled back and the store is intact. Free some space and run it again to resume.</source>
        <translation>写入 {path} 失败（磁盘可能已满，或文件超出其允许的大小）：正在处理的批次已回滚，数据库完好无损。请释放一些空间后重新运行以继续。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/messages.py" line="103"/>
        <source>{path} is busy (another StyleRec is writing to it) and did not free up in time; the batch was rolled back. Try again in a moment.</source>
        <translation>{path} 正忙（另一个 StyleRec 正在写入），未能及时释放；该批次已回滚。请稍后重试。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/messages.py" line="106"/>
        <source>Cannot reach the team store {path}: {detail}. Nothing was changed.</source>
        <translation>无法连接团队商店 {path}：{detail}。未做任何更改。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/messages.py" line="108"/>
        <source>The database {path} holds another application&apos;s tables, not a StyleRec store; it was not changed.</source>
        <translation>数据库 {path} 存放的是其他应用程序的表，不是 StyleRec 商店；未做任何更改。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/messages.py" line="110"/>
        <source>The database {path} is empty: open it as a new team store to set it up.</source>
        <translation>数据库 {path} 是空的：将其作为新的团队商店打开即可完成设置。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/messages.py" line="112"/>
        <source>The connection to the team store {path} was lost: the batch in progress was rolled back and the store is intact. Run it again to resume.</source>
        <translation>与团队商店 {path} 的连接已断开：进行中的批次已回滚，商店完好无损。再次运行即可继续。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/messages.py" line="115"/>
        <source>The training checkpoint {path} cannot be used ({detail}). Start the training over to replace it.</source>
        <translation>训练检查点 {path} 无法使用（{detail}）。请重新开始训练以替换它。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/messages.py" line="118"/>
        <source>The saved {model} model cannot be read ({detail}); train it again.</source>
        <translation>保存的 {model} 模型无法读取（{detail}）；请重新训练。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/messages.py" line="120"/>
        <source>No trained {model} model for this store yet: train it first.</source>
        <translation>此数据库尚无训练好的 {model} 模型：请先训练。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/messages.py" line="122"/>
        <source>close to their style</source>
        <translation>接近其风格</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/messages.py" line="123"/>
        <source>looks like {title}, which they engaged with</source>
        <translation>与其互动过的“{title}”相似</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/messages.py" line="124"/>
        <source>another colour of {title}, which they engaged with</source>
        <translation>与其互动过的 {title} 的另一种颜色</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/messages.py" line="125"/>
        <source>matches colours they like ({colour})</source>
        <translation>符合其喜欢的颜色（{colour}）</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/messages.py" line="126"/>
        <source>from {category}, which they shop often</source>
        <translation>来自其常购的 {category}</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/messages.py" line="127"/>
        <source>popular in {category}</source>
        <translation>{category} 中的热门商品</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/messages.py" line="128"/>
        <source>popular with shoppers like them</source>
        <translation>与其相似的顾客喜欢</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/messages.py" line="129"/>
        <source>often bought with {title}, which they bought</source>
        <translation>常与其购买过的 {title} 一起购买</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/messages.py" line="130"/>
        <source>trending this week</source>
        <translation>本周热销</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/messages.py" line="131"/>
        <source>trending this week in {category}</source>
        <translation>本周{category}热销</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/messages.py" line="132"/>
        <source>trending this week with shoppers aged {band}</source>
        <translation>本周{band}岁顾客中热销</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/messages.py" line="133"/>
        <source>bought by shoppers whose purchases are like theirs</source>
        <translation>购买记录相似的顾客买过</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/messages.py" line="134"/>
        <source>they bought it before and may buy it again</source>
        <translation>曾经购买过，可能会再次购买</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/messages.py" line="135"/>
        <source>suits {count} of the persona&apos;s {total} most typical shoppers</source>
        <translation>适合该画像群体 {total} 位最典型顾客中的 {count} 位</translation>
    </message>
</context>
<context>
    <name>PersonasPanel</name>
    <message>
        <location filename="../../stylerec_app/ui/personas_page.py" line="54"/>
        <source>automatic (best silhouette)</source>
        <translation>自动（轮廓系数最佳）</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/personas_page.py" line="56"/>
        <source>Build personas</source>
        <translation>生成画像群体</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/personas_page.py" line="57"/>
        <source>Groups the profiled shoppers by style blend and categories (k-means); replaces the current personas.</source>
        <translation>按风格混合和类别对已建画像的顾客分组（k 均值）；会替换当前的画像群体。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/personas_page.py" line="63"/>
        <source>How many</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/personas_page.py" line="73"/>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/personas_page.py" line="75"/>
        <source>Restyle for this persona</source>
        <translation>为此画像群体重绘商品</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/personas_page.py" line="78"/>
        <source>Recommendations for this persona</source>
        <translation>此画像群体的推荐</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/personas_page.py" line="95"/>
        <source>Style blend (its members&apos; mean)</source>
        <translation>风格混合（成员的平均值）</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/personas_page.py" line="97"/>
        <source>Top categories</source>
        <translation>偏好类别</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/personas_page.py" line="98"/>
        <source>Most typical shoppers (click to open)</source>
        <translation>最典型的顾客（点击打开）</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/personas_page.py" line="135"/>
        <source>%1 — %2 shoppers</source>
        <translation>%1 — %2 位顾客</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/personas_page.py" line="142"/>
        <source>%1 personas from %2 shoppers · silhouette %3 (from −1 to 1: higher is better separated)</source>
        <translation>由 %2 位顾客生成 %1 个画像群体 · 轮廓系数 %3（−1 到 1：越高区分越清楚）</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/personas_page.py" line="163"/>
        <source>No personas yet. Build them from the shopper profiles (Profiles → Build Profiles first): shoppers alike in style and taste form one persona, which the Studio and Recommendations then use like a shopper.</source>
        <translation>还没有画像群体。请根据顾客画像生成（先执行“画像 → 构建画像”）：风格和品味相近的顾客组成一个画像群体，风格工作室和推荐页可以像使用单个顾客一样使用它。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/personas_page.py" line="169"/>
        <source>%1 shoppers</source>
        <translation>%1 位顾客</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/personas_page.py" line="190"/>
        <source>Rename persona</source>
        <translation>重命名画像群体</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/personas_page.py" line="190"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <location filename="../../stylerec_app/ui/preferences_dialog.py" line="29"/>
        <source>Preferences</source>
        <translation>偏好设置</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/preferences_dialog.py" line="33"/>
        <source>Automatic (GPU when available)</source>
        <translation>自动（有 GPU 时使用 GPU）</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/preferences_dialog.py" line="34"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/preferences_dialog.py" line="35"/>
        <source>GPU (CUDA)</source>
        <translation>GPU（CUDA）</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/preferences_dialog.py" line="37"/>
        <source>Detected: %1</source>
        <translation>检测到：%1</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/preferences_dialog.py" line="40"/>
        <source>System language</source>
        <translation>跟随系统语言</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/preferences_dialog.py" line="45"/>
        <source>System</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/preferences_dialog.py" line="45"/>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/preferences_dialog.py" line="46"/>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/preferences_dialog.py" line="50"/>
        <source>default user data folder</source>
        <translation>默认用户数据文件夹</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/preferences_dialog.py" line="51"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/preferences_dialog.py" line="62"/>
        <source>Compute device</source>
        <translation>计算设备</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/preferences_dialog.py" line="64"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/preferences_dialog.py" line="65"/>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/preferences_dialog.py" line="66"/>
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/preferences_dialog.py" line="67"/>
        <source>Thumbnail cache</source>
        <translation>缩略图缓存</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/preferences_dialog.py" line="69"/>
        <source>empty: on this computer</source>
        <translation>留空：在本机运行</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/preferences_dialog.py" line="70"/>
        <source>Build Profiles runs on this Ray cluster: “local” for Ray on this computer, or the head&apos;s address (host:6379).</source>
        <translation>“构建画像”将在此 Ray 集群上运行：填写“local”表示在本机运行 Ray，或填写头节点地址（host:6379）。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/preferences_dialog.py" line="72"/>
        <source>Ray cluster</source>
        <translation>Ray 集群</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/preferences_dialog.py" line="80"/>
        <source>Choose the data folder</source>
        <translation>选择数据文件夹</translation>
    </message>
</context>
<context>
    <name>ProductDetailPane</name>
    <message>
        <location filename="../../stylerec_app/ui/detail_pane.py" line="52"/>
        <source>Restyle in the Style Studio</source>
        <translation>在风格工作室中重绘</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/detail_pane.py" line="60"/>
        <source>Product ID</source>
        <translation>商品编号</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/detail_pane.py" line="60"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/detail_pane.py" line="61"/>
        <source>Colour</source>
        <translation>颜色</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/detail_pane.py" line="61"/>
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/detail_pane.py" line="62"/>
        <source>Shopper activity</source>
        <translation>顾客行为</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/detail_pane.py" line="71"/>
        <source>Attribute</source>
        <translation>属性</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/detail_pane.py" line="71"/>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/detail_pane.py" line="78"/>
        <source>Colours of the product</source>
        <translation>商品颜色</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/detail_pane.py" line="83"/>
        <source>Looks similar</source>
        <translation>外观相似</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/detail_pane.py" line="92"/>
        <source>Select a product to see its photo, details, activity and reviews.</source>
        <translation>选择一件商品以查看照片、详情、顾客行为和评价。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/detail_pane.py" line="134"/>
        <source>views %1 · clicks %2 · carts %3 · purchases %4 · ratings %5</source>
        <translation>浏览 %1 · 点击 %2 · 加购 %3 · 购买 %4 · 评分 %5</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/detail_pane.py" line="139"/>
        <source>No description.</source>
        <translation>暂无描述。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/detail_pane.py" line="140"/>
        <source>Other colours and variants (%1)</source>
        <translation>其他颜色和款式（%1）</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/detail_pane.py" line="155"/>
        <source>Reviews (%1)</source>
        <translation>评价（%1）</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/detail_pane.py" line="158"/>
        <source>The photo for this product is missing or damaged: %1</source>
        <translation>此商品的照片缺失或已损坏：%1</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/detail_pane.py" line="161"/>
        <source>Photo missing or damaged</source>
        <translation>照片缺失或已损坏</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/detail_pane.py" line="164"/>
        <source>No photo</source>
        <translation>无照片</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/detail_pane.py" line="184"/>
        <source>No profile yet: run Profiles → Build Profiles to see this product&apos;s colours and look-alikes.</source>
        <translation>尚无画像：请运行“画像 → 生成画像”，以查看此商品的颜色和相似商品。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/detail_pane.py" line="187"/>
        <source>No colours or look-alikes: the photo could not be used (%1).</source>
        <translation>无颜色和相似商品：照片无法使用（%1）。</translation>
    </message>
</context>
<context>
    <name>RankedGrid</name>
    <message>
        <location filename="../../stylerec_app/ui/recommendations_page.py" line="74"/>
        <source>score</source>
        <translation>得分</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/recommendations_page.py" line="78"/>
        <location filename="../../stylerec_app/ui/recommendations_page.py" line="102"/>
        <source>%1 colours</source>
        <translation>%1 种颜色</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/recommendations_page.py" line="98"/>
        <source>restyled</source>
        <translation>已换风格</translation>
    </message>
</context>
<context>
    <name>RecommendationsPage</name>
    <message>
        <location filename="../../stylerec_app/ui/recommendations_page.py" line="124"/>
        <source>shopper id or persona</source>
        <translation>顾客编号或画像群体</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/recommendations_page.py" line="128"/>
        <source>— no comparison —</source>
        <translation>— 不对比 —</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/recommendations_page.py" line="135"/>
        <source>Show restyled for the shopper</source>
        <translation>显示按顾客风格重绘的图片</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/recommendations_page.py" line="137"/>
        <source>Diverse looks</source>
        <translation>外观多样</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/recommendations_page.py" line="138"/>
        <source>Evaluation split: hold out the last</source>
        <translation>评估划分：留出最近</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/recommendations_page.py" line="142"/>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/recommendations_page.py" line="144"/>
        <source>Recommend</source>
        <translation>推荐</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/recommendations_page.py" line="145"/>
        <source>Train models…</source>
        <translation>训练模型…</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/recommendations_page.py" line="147"/>
        <source>Shopper</source>
        <translation>顾客</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/recommendations_page.py" line="147"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/recommendations_page.py" line="148"/>
        <source>Compare with</source>
        <translation>对比</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/recommendations_page.py" line="148"/>
        <source>Top</source>
        <translation>前</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/recommendations_page.py" line="169"/>
        <source>Choose a shopper and a model. Models are trained from the store with Train models… (or stylerec train).</source>
        <translation>请选择顾客和模型。模型通过“训练模型…”（或 stylerec train）从商品库训练。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/recommendations_page.py" line="176"/>
        <location filename="../../stylerec_app/ui/recommendations_page.py" line="297"/>
        <source>What the shopper did next (held-out events) appears here when an evaluation split is active.</source>
        <translation>启用评估划分后，这里会显示顾客之后的行为（留出的事件）。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/recommendations_page.py" line="265"/>
        <source>Ranking… (models for the split are trained on first use)</source>
        <translation>正在排序…（首次使用时会为该划分训练模型）</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/recommendations_page.py" line="266"/>
        <source>Ranking…</source>
        <translation>正在排序…</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/recommendations_page.py" line="272"/>
        <source>Rank for %1</source>
        <translation>为 %1 排序</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/recommendations_page.py" line="287"/>
        <source>Preparing the evaluation split…</source>
        <translation>正在准备评估划分…</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/recommendations_page.py" line="302"/>
        <source>What they did next (after the split): %1 events, %2 on the lists above</source>
        <translation>之后的行为（划分之后）：%1 条事件，其中 %2 件出现在上方列表中</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/recommendations_page.py" line="304"/>
        <source>Nothing: this shopper has no events after the split.</source>
        <translation>无：此顾客在划分之后没有行为。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/recommendations_page.py" line="328"/>
        <source>%1 products in both lists (highlighted)</source>
        <translation>%1 件商品同时出现在两个列表中（已高亮）</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/recommendations_page.py" line="331"/>
        <source>%1 products</source>
        <translation>%1 件商品</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/recommendations_page.py" line="370"/>
        <source>Train %1 now</source>
        <translation>立即训练 %1</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/recommendations_page.py" line="375"/>
        <source>Training %1… the list appears when it is done.</source>
        <translation>正在训练 %1…… 完成后会显示推荐列表。</translation>
    </message>
</context>
<context>
    <name>SearchCompleter</name>
    <message>
        <location filename="../../stylerec_app/ui/search_completer.py" line="110"/>
        <source>Persona: </source>
        <translation>画像群体：</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/search_completer.py" line="129"/>
        <source>%1 events</source>
        <translation>%1 条行为</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/search_completer.py" line="130"/>
        <source>persona of %1 shoppers</source>
        <translation>由 %1 位顾客组成的画像群体</translation>
    </message>
</context>
<context>
    <name>ShopperCard</name>
    <message>
        <location filename="../../stylerec_app/ui/shoppers_page.py" line="58"/>
        <source>Restyle products for this shopper</source>
        <translation>为此顾客重绘商品</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/shoppers_page.py" line="73"/>
        <source>Top categories</source>
        <translation>偏好类别</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/shoppers_page.py" line="74"/>
        <source>Colours they like</source>
        <translation>偏好颜色</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/shoppers_page.py" line="75"/>
        <source>Price band</source>
        <translation>价格区间</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/shoppers_page.py" line="76"/>
        <source>Style blend (built-in styles)</source>
        <translation>风格组合（内置风格）</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/shoppers_page.py" line="77"/>
        <source>Recent history</source>
        <translation>最近行为</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/shoppers_page.py" line="78"/>
        <source>Similar products (by look)</source>
        <translation>相似商品（按外观）</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/shoppers_page.py" line="80"/>
        <source>Choose a shopper on the left to see their profile.</source>
        <translation>在左侧选择一位顾客以查看其画像。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/shoppers_page.py" line="116"/>
        <source>%1 events in the profile</source>
        <translation>画像基于 %1 条行为</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/shoppers_page.py" line="120"/>
        <source>No profile yet: run Profiles → Build Profiles.</source>
        <translation>尚无画像：请运行“画像 → 生成画像”。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/shoppers_page.py" line="122"/>
        <source>New shopper without history: showing the store&apos;s default taste (best sellers).</source>
        <translation>新顾客，暂无行为：显示商店的默认偏好（畅销商品）。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/shoppers_page.py" line="129"/>
        <source>usually %1 (from %2 to %3)</source>
        <translation>通常 %1（%2 至 %3）</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/shoppers_page.py" line="131"/>
        <source>no purchases or carts with a price yet</source>
        <translation>尚无带价格的购买或加购记录</translation>
    </message>
</context>
<context>
    <name>ShoppersPage</name>
    <message>
        <location filename="../../stylerec_app/ui/shoppers_page.py" line="160"/>
        <source>Search shopper id…</source>
        <translation>搜索顾客编号…</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/shoppers_page.py" line="196"/>
        <source>No store is open.</source>
        <translation>尚未打开商品库。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/shoppers_page.py" line="235"/>
        <source>%1 · %2 events</source>
        <translation>%1 · %2 条行为</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/shoppers_page.py" line="227"/>
        <source>%1 shoppers</source>
        <translation>%1 位顾客</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/shoppers_page.py" line="229"/>
        <source>Profiles are not built yet: Profiles → Build Profiles.</source>
        <translation>尚未生成画像：画像 → 生成画像。</translation>
    </message>
</context>
<context>
    <name>StudioActions</name>
    <message>
        <location filename="../../stylerec_app/ui/window_actions.py" line="39"/>
        <source>Build personas</source>
        <translation>生成画像群体</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/window_actions.py" line="47"/>
        <source>Could not build personas</source>
        <translation>无法生成画像群体</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/window_actions.py" line="55"/>
        <source>Export collection %1</source>
        <translation>导出合集 %1</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/window_actions.py" line="64"/>
        <source>The export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/window_actions.py" line="67"/>
        <source>Exported %1 images with manifest.csv and manifest.json to %2</source>
        <translation>已将 %1 张图片及 manifest.csv 和 manifest.json 导出到 %2</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/window_actions.py" line="71"/>
        <source>%1 skipped (%2: %3)</source>
        <translation>跳过 %1 张（%2：%3）</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/window_actions.py" line="91"/>
        <source>Export %1</source>
        <translation>导出 %1</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/window_actions.py" line="93"/>
        <source>Export restyled products to</source>
        <translation>将重绘后的商品导出到</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/window_actions.py" line="103"/>
        <source>Export %1 restyled products</source>
        <translation>导出 %1 件重绘商品</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/window_actions.py" line="122"/>
        <source>Train style %1</source>
        <translation>训练风格 %1</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/window_actions.py" line="135"/>
        <source>A picture to use as a style</source>
        <translation>选择用作风格的图片</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/window_actions.py" line="136"/>
        <source>Images (*.png *.jpg *.jpeg *.webp)</source>
        <translation>图片 (*.png *.jpg *.jpeg *.webp)</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/window_actions.py" line="139"/>
        <source>Name the style</source>
        <translation>为风格命名</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/window_actions.py" line="139"/>
        <source>Style name</source>
        <translation>风格名称</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/window_actions.py" line="149"/>
        <source>Add style %1</source>
        <translation>添加风格 %1</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/window_actions.py" line="157"/>
        <source>Could not add the style</source>
        <translation>无法添加风格</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/window_actions.py" line="181"/>
        <source>Evaluate recommenders</source>
        <translation>评估推荐模型</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/window_actions.py" line="188"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/window_actions.py" line="234"/>
        <source>Train recommenders</source>
        <translation>训练推荐模型</translation>
    </message>
</context>
<context>
    <name>StyleNames</name>
    <message>
        <location filename="../../stylerec_app/ui/style_names.py" line="12"/>
        <source>Sunny pastel</source>
        <translation>明媚粉彩</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/style_names.py" line="13"/>
        <source>Pop-art blocks</source>
        <translation>波普色块</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/style_names.py" line="14"/>
        <source>Charcoal wash</source>
        <translation>炭笔淡彩</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/style_names.py" line="15"/>
        <source>Electric strokes</source>
        <translation>电光笔触</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/style_names.py" line="16"/>
        <source>Warm impressionist</source>
        <translation>暖调印象派</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/style_names.py" line="17"/>
        <source>Autumn palette</source>
        <translation>秋日调色</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/style_names.py" line="18"/>
        <source>Indigo batik</source>
        <translation>靛蓝蜡染</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/style_names.py" line="19"/>
        <source>Fauve blue and gold</source>
        <translation>野兽派蓝金</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/style_names.py" line="20"/>
        <source>Pastel line drawing</source>
        <translation>粉彩线描</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/style_names.py" line="21"/>
        <source>Floral print</source>
        <translation>碎花印花</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/style_names.py" line="22"/>
        <source>Sepia oil</source>
        <translation>棕褐油画</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/style_names.py" line="23"/>
        <source>Golden etching</source>
        <translation>金色蚀刻</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/style_names.py" line="24"/>
        <source>Misty watercolour</source>
        <translation>朦胧水彩</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/style_names.py" line="25"/>
        <source>Green cubist</source>
        <translation>绿色立体派</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/style_names.py" line="26"/>
        <source>Frosted blue</source>
        <translation>霜蓝</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/style_names.py" line="27"/>
        <source>Stained glass</source>
        <translation>彩绘玻璃</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/style_names.py" line="28"/>
        <source>Blue brushwork</source>
        <translation>蓝色笔触</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/style_names.py" line="29"/>
        <source>Woven grid</source>
        <translation>编织格纹</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/style_names.py" line="30"/>
        <source>Sand line art</source>
        <translation>沙色线稿</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/style_names.py" line="31"/>
        <source>Starry blue</source>
        <translation>星空蓝</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/style_names.py" line="32"/>
        <source>Red expressionist</source>
        <translation>红色表现主义</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/style_names.py" line="33"/>
        <source>Coral cut-paper</source>
        <translation>珊瑚剪纸</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/style_names.py" line="34"/>
        <source>Faded film</source>
        <translation>褪色胶片</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/style_names.py" line="35"/>
        <source>Dusky green</source>
        <translation>暮色绿</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/style_names.py" line="36"/>
        <source>Cream relief</source>
        <translation>奶油浮雕</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/style_names.py" line="37"/>
        <source>Mosaic tapestry</source>
        <translation>马赛克挂毯</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/style_names.py" line="45"/>
        <source>Style %1</source>
        <translation>风格 %1</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/style_names.py" line="64"/>
        <source>%1 (trained)</source>
        <translation>%1（训练所得）</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/style_names.py" line="65"/>
        <source>%1 (from a picture)</source>
        <translation>%1（来自图片）</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/style_names.py" line="66"/>
        <source>Vintage (CycleGAN, slow without a GPU)</source>
        <translation>复古（CycleGAN，无 GPU 时较慢）</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/style_names.py" line="75"/>
        <source>Background only (the product stays true)</source>
        <translation>仅背景（商品保持原样）</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/style_names.py" line="76"/>
        <source>Product only (changes how the product looks)</source>
        <translation>仅商品（会改变商品外观）</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/style_names.py" line="77"/>
        <source>Whole image (a look: not the product&apos;s real colours)</source>
        <translation>整张图片（仅为氛围：不是商品的真实颜色）</translation>
    </message>
</context>
<context>
    <name>StyleStudioPage</name>
    <message>
        <location filename="../../stylerec_app/ui/style_studio.py" line="99"/>
        <source>product id, or pick one in the Catalog</source>
        <translation>商品编号，或在商品目录中选择</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/style_studio.py" line="107"/>
        <source>Keep the product&apos;s colours</source>
        <translation>保留商品颜色</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/style_studio.py" line="113"/>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/style_studio.py" line="115"/>
        <source>Style</source>
        <translation>风格</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/style_studio.py" line="116"/>
        <source>Strength</source>
        <translation>强度</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/style_studio.py" line="117"/>
        <source>Restyle</source>
        <translation>重绘范围</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/style_studio.py" line="126"/>
        <source>Blend</source>
        <translation>组合</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/style_studio.py" line="129"/>
        <source>Export image…</source>
        <translation>导出图片…</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/style_studio.py" line="130"/>
        <source>Export catalog selection…</source>
        <translation>导出目录中的商品…</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/style_studio.py" line="131"/>
        <source>Train a new style…</source>
        <translation>训练新风格…</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/style_studio.py" line="132"/>
        <source>Use a picture as a style…</source>
        <translation>用图片作为风格…</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/style_studio.py" line="144"/>
        <source>Original</source>
        <translation>原图</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/style_studio.py" line="145"/>
        <source>Pick a product and a shopper or a style</source>
        <translation>请选择商品，以及顾客或风格</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/style_studio.py" line="198"/>
        <source>The style models could not be loaded: %1</source>
        <translation>无法加载风格模型：%1</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/style_studio.py" line="258"/>
        <source>This shopper has no style blend yet: build profiles first, or pick a style by hand.</source>
        <translation>此顾客还没有风格组合：请先生成画像，或手动选择风格。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/style_studio.py" line="101"/>
        <source>shopper id or persona</source>
        <translation>顾客编号或画像群体</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/style_studio.py" line="103"/>
        <source>Shopper&apos;s or persona&apos;s style blend</source>
        <translation>顾客或画像群体的风格混合</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/style_studio.py" line="114"/>
        <source>Shopper or persona</source>
        <translation>顾客或画像群体</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/style_studio.py" line="328"/>
        <source>This product has no usable photo.</source>
        <translation>此商品没有可用的照片。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/style_studio.py" line="332"/>
        <source>Rendering…</source>
        <translation>正在渲染…</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/style_studio.py" line="339"/>
        <source>Could not restyle: %1</source>
        <translation>无法重绘：%1</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/style_studio.py" line="343"/>
        <source>%1 ms on %2</source>
        <translation>%1 毫秒（%2）</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/style_studio.py" line="351"/>
        <source>Export restyled image</source>
        <translation>导出重绘图片</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/style_studio.py" line="353"/>
        <source>Images (*.png *.jpg)</source>
        <translation>图片 (*.png *.jpg)</translation>
    </message>
</context>
<context>
    <name>SupportActions</name>
    <message>
        <location filename="../../stylerec_app/ui/window_support.py" line="48"/>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/window_support.py" line="50"/>
        <source>&amp;Preferences…</source>
        <translation>偏好设置(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/window_support.py" line="52"/>
        <source>Open &amp;Log Folder</source>
        <translation>打开日志文件夹(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/window_support.py" line="53"/>
        <source>&amp;Copy Debug Info</source>
        <translation>复制调试信息(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/window_support.py" line="60"/>
        <source>No recent stores</source>
        <translation>没有最近打开的数据库</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/window_support.py" line="74"/>
        <source>not checked yet</source>
        <translation>尚未检测</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/window_support.py" line="86"/>
        <source>The compute device applies to the next start of StyleRec.</source>
        <translation>计算设备将在下次启动 StyleRec 时生效。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/window_support.py" line="93"/>
        <source>Debug information copied to the clipboard.</source>
        <translation>调试信息已复制到剪贴板。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/window_support.py" line="97"/>
        <source>About StyleRec</source>
        <translation>关于 StyleRec</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/window_support.py" line="102"/>
        <source>Catalog, shopper profiles, restyling and recommendations for merchandisers.</source>
        <translation>面向商品运营的商品目录、顾客画像、风格迁移与推荐工具。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/window_support.py" line="103"/>
        <source>Bundled models and libraries</source>
        <translation>内置的模型和软件库</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/window_support.py" line="132"/>
        <source>A background job failed</source>
        <translation>后台任务失败</translation>
    </message>
</context>
<context>
    <name>TeamStoreDialog</name>
    <message>
        <location filename="../../stylerec_app/ui/team_store_dialog.py" line="38"/>
        <source>Open Team Store</source>
        <translation>打开团队商店</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/team_store_dialog.py" line="41"/>
        <source>A store on your team&apos;s PostgreSQL server, shared by everyone who opens it. Ask IT for its address.</source>
        <translation>位于团队 PostgreSQL 服务器上的商店，所有打开它的人共享。请向 IT 部门索取地址。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/team_store_dialog.py" line="50"/>
        <source>saved in the keyring, or none</source>
        <translation>已保存在钥匙串中，或无需密码</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/team_store_dialog.py" line="51"/>
        <source>Remember the password in the system keyring</source>
        <translation>在系统钥匙串中记住密码</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/team_store_dialog.py" line="55"/>
        <source>Test Connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/team_store_dialog.py" line="57"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/team_store_dialog.py" line="58"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/team_store_dialog.py" line="74"/>
        <source>The address starts with postgresql://</source>
        <translation>地址应以 postgresql:// 开头</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/team_store_dialog.py" line="84"/>
        <source>No system keyring here: the password is kept until StyleRec closes.</source>
        <translation>此处没有系统钥匙串：密码仅保留到 StyleRec 关闭为止。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/team_store_dialog.py" line="90"/>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/team_store_dialog.py" line="103"/>
        <source>Connected: the store is ready.</source>
        <translation>已连接：商店已就绪。</translation>
    </message>
</context>
<context>
    <name>TrainModelsDialog</name>
    <message>
        <location filename="../../stylerec_app/ui/train_models_dialog.py" line="34"/>
        <source>Train recommenders</source>
        <translation>训练推荐模型</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/train_models_dialog.py" line="37"/>
        <source>Choose the models to train on this store&apos;s %1 events. Each is saved with the store; training runs in the background.</source>
        <translation>选择要在本数据库的 %1 条行为记录上训练的模型。每个模型都随数据库保存；训练在后台进行。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/train_models_dialog.py" line="51"/>
        <source>Needs product profiles: Profiles → Build Profiles.</source>
        <translation>需要商品画像：画像 → 构建画像。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/train_models_dialog.py" line="56"/>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/train_models_dialog.py" line="64"/>
        <source>under a minute</source>
        <translation>不到一分钟</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/train_models_dialog.py" line="65"/>
        <source>about %1 min</source>
        <translation>约 %1 分钟</translation>
    </message>
</context>
<context>
    <name>TrainStyleDialog</name>
    <message>
        <location filename="../../stylerec_app/ui/train_dialog.py" line="39"/>
        <source>Train a new style</source>
        <translation>训练新风格</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/train_dialog.py" line="46"/>
        <source>e.g. Summer campaign</source>
        <translation>例如：夏季活动</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/train_dialog.py" line="47"/>
        <source>Choose style pictures…</source>
        <translation>选择风格图片…</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/train_dialog.py" line="49"/>
        <source>No pictures chosen</source>
        <translation>尚未选择图片</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/train_dialog.py" line="59"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/train_dialog.py" line="61"/>
        <source>Training steps</source>
        <translation>训练步数</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/train_dialog.py" line="62"/>
        <source>Training size</source>
        <translation>训练尺寸</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/train_dialog.py" line="63"/>
        <source>Samples appear here while it trains</source>
        <translation>训练过程中的样例将显示在这里</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/train_dialog.py" line="68"/>
        <source>Start training</source>
        <translation>开始训练</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/train_dialog.py" line="70"/>
        <source>Stop (resume later)</source>
        <translation>停止（稍后可继续）</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/train_dialog.py" line="73"/>
        <source>Start over</source>
        <translation>重新开始</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/train_dialog.py" line="76"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/train_dialog.py" line="92"/>
        <source>Style pictures</source>
        <translation>风格图片</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/train_dialog.py" line="93"/>
        <source>Images (*.png *.jpg *.jpeg *.webp)</source>
        <translation>图片 (*.png *.jpg *.jpeg *.webp)</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/train_dialog.py" line="106"/>
        <source>Give the new style a name.</source>
        <translation>请为新风格命名。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/train_dialog.py" line="109"/>
        <source>Choose at least one style picture.</source>
        <translation>请至少选择一张风格图片。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/train_dialog.py" line="126"/>
        <source>Step %1 of %2</source>
        <translation>第 %1 / %2 步</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/train_dialog.py" line="132"/>
        <source>Done: the style is saved and can be blended in the Style Studio.</source>
        <translation>完成：风格已保存，可在风格工作室中组合使用。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/train_dialog.py" line="135"/>
        <source>Stopped: start again with the same name to resume from the last checkpoint.</source>
        <translation>已停止：使用相同名称重新开始即可从上次检查点继续。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/train_dialog.py" line="146"/>
        <source>style loss %1, content loss %2</source>
        <translation>风格损失 %1，内容损失 %2</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/train_dialog.py" line="148"/>
        <source>Sample after step %1</source>
        <translation>第 %1 步后的样例</translation>
    </message>
</context>
<context>
    <name>_PathField</name>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="50"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="59"/>
        <source>Choose a folder</source>
        <translation>选择文件夹</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="61"/>
        <source>Choose a file</source>
        <translation>选择文件</translation>
    </message>
</context>
<context>
    <name>old</name>
    <message>
        <location filename="../../stylerec_app/ui/app.py" line="70"/>
        <source>The new language applies when StyleRec starts again (jobs are running).</source>
        <translation>新语言将在 StyleRec 下次启动时生效（有任务正在运行）。</translation>
    </message>
</context>
</TS>
