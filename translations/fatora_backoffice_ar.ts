<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar" sourcelanguage="en">
<context>
    <name>ActivityWindow</name>
    <message>
        <source>Activity</source>
        <translation>النشاط</translation>
    </message>
    <message>
        <source>&amp;Person:</source>
        <translation>ال&amp;شخص:</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>الجميع</translation>
    </message>
    <message>
        <source>&amp;Action:</source>
        <translation>الإ&amp;جراء:</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>&amp;من</translation>
    </message>
    <message>
        <source>&amp;to</source>
        <translation>إ&amp;لى</translation>
    </message>
    <message>
        <source>Double-click an entry to open its payment, card or customer.</source>
        <translation>انقر نقرًا مزدوجًا على قيد لفتح دفعته أو بطاقته أو عميله.</translation>
    </message>
    <message>
        <source>&amp;Export CSV…</source>
        <translation>&amp;تصدير CSV…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>إغلاق</translation>
    </message>
</context>
<context>
    <name>Batch</name>
    <message>
        <source>ready to start</source>
        <translation>جاهزة للبدء</translation>
    </message>
    <message>
        <source>running</source>
        <translation>قيد التشغيل</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>متوقفة مؤقتًا</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>ملغاة</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>مكتملة</translation>
    </message>
</context>
<context>
    <name>CardRequestDialog</name>
    <message>
        <source>Save a new card</source>
        <translation>حفظ بطاقة جديدة</translation>
    </message>
    <message>
        <source>Customer:</source>
        <translation>العميل:</translation>
    </message>
    <message>
        <source>First &amp;payment:</source>
        <translation>الدفعة ال&amp;أولى:</translation>
    </message>
    <message>
        <source>The customer pays this on Fatora&apos;s page; the card used is then saved.</source>
        <translation>يدفع العميل هذا المبلغ على صفحة ⁦Fatora⁩، ثم تُحفظ البطاقة التي دفع بها.</translation>
    </message>
    <message>
        <source>Page &amp;language:</source>
        <translation>&amp;لغة الصفحة:</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;ملاحظة:</translation>
    </message>
    <message>
        <source>Order id:</source>
        <translation>رقم الطلب:</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء الأمر</translation>
    </message>
    <message>
        <source>&amp;Review…</source>
        <translation>م&amp;راجعة…</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;رجوع</translation>
    </message>
    <message>
        <source>Create the link</source>
        <translation>إنشاء الرابط</translation>
    </message>
    <message>
        <source>Checkout &amp;link:</source>
        <translation>&amp;رابط الدفع:</translation>
    </message>
    <message>
        <source>&amp;Copy link</source>
        <translation>&amp;نسخ الرابط</translation>
    </message>
    <message>
        <source>&amp;Message for SMS or WhatsApp:</source>
        <translation>&amp;رسالة لـ ⁦SMS⁩ أو واتساب:</translation>
    </message>
    <message>
        <source>Copy &amp;message</source>
        <translation>نسخ ال&amp;رسالة</translation>
    </message>
    <message>
        <source>&amp;Email…</source>
        <translation>&amp;بريد إلكتروني…</translation>
    </message>
    <message>
        <source>Did the customer pay?</source>
        <translation>هل دفع العميل؟</translation>
    </message>
    <message>
        <source>Check &amp;address</source>
        <translation>تحقق من ال&amp;عنوان</translation>
    </message>
    <message>
        <source>Check &amp;now</source>
        <translation>تحقق ال&amp;آن</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>إ&amp;غلاق</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>Choose your password</source>
        <translation>اختر كلمة المرور الخاصة بك</translation>
    </message>
    <message>
        <source>&amp;New password:</source>
        <translation>كلمة المرور ال&amp;جديدة:</translation>
    </message>
    <message>
        <source>The &amp;same again:</source>
        <translation>أ&amp;عدها مرة أخرى:</translation>
    </message>
    <message>
        <source>&amp;Remember it in this computer&apos;s keychain</source>
        <translation>ا&amp;حفظها في سلسلة مفاتيح هذا الحاسوب</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>خروج</translation>
    </message>
    <message>
        <source>&amp;Use this password</source>
        <translation>ا&amp;ستخدم كلمة المرور هذه</translation>
    </message>
</context>
<context>
    <name>ChargeDialog</name>
    <message>
        <source>Charge a saved card</source>
        <translation>التحصيل من بطاقة محفوظة</translation>
    </message>
    <message>
        <source>Customer:</source>
        <translation>العميل:</translation>
    </message>
    <message>
        <source>Card:</source>
        <translation>البطاقة:</translation>
    </message>
    <message>
        <source>&amp;Amount:</source>
        <translation>ال&amp;مبلغ:</translation>
    </message>
    <message>
        <source>Order id:</source>
        <translation>رقم الطلب:</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء الأمر</translation>
    </message>
    <message>
        <source>&amp;Review…</source>
        <translation>م&amp;راجعة…</translation>
    </message>
    <message>
        <source>I checked: charge this card again</source>
        <translation>تحققت: حصّل من هذه البطاقة مرة أخرى</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;رجوع</translation>
    </message>
    <message>
        <source>Charge now</source>
        <translation>حصّل الآن</translation>
    </message>
    <message>
        <source>&amp;Verify now</source>
        <translation>&amp;تحقّق الآن</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>إ&amp;غلاق</translation>
    </message>
    <message>
        <source>&amp;New charge…</source>
        <translation>تحصيل &amp;جديد…</translation>
    </message>
    <message>
        <source>Nothing reached Fatora: start another charge of this card under a new order id</source>
        <translation>لم يصل شيء إلى ⁦Fatora⁩: ابدأ تحصيلًا آخر من هذه البطاقة برقم طلب جديد</translation>
    </message>
</context>
<context>
    <name>CloseUnfoundDialog</name>
    <message>
        <source>Close as not charged</source>
        <translation>إغلاق على أنه لم يُحصَّل</translation>
    </message>
    <message>
        <source>e.g. not in Fatora&apos;s dashboard on 26 Nov. Kept in the audit log.</source>
        <translation>مثلًا: غير موجود في لوحة تحكم ⁦Fatora⁩ في 26 نوفمبر. يُحفظ في سجل التدقيق.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء الأمر</translation>
    </message>
    <message>
        <source>Close as &amp;not charged</source>
        <translation>إغلاق على أنه &amp;لم يُحصَّل</translation>
    </message>
    <message>
        <source>R&amp;eason:</source>
        <translation>السب&amp;ب:</translation>
    </message>
</context>
<context>
    <name>CustomerDialog</name>
    <message>
        <source>Customer</source>
        <translation>العميل</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>الا&amp;سم:</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>البريد الإل&amp;كتروني:</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>ال&amp;هاتف:</translation>
    </message>
    <message>
        <source>&amp;Reference:</source>
        <translation>ال&amp;مرجع:</translation>
    </message>
    <message>
        <source>Your own customer number (optional)</source>
        <translation>رقم العميل لديك (اختياري)</translation>
    </message>
    <message>
        <source>N&amp;otes:</source>
        <translation>م&amp;لاحظات:</translation>
    </message>
</context>
<context>
    <name>CustomersPanel</name>
    <message>
        <source>Search name, email, phone or reference</source>
        <translation>ابحث بالاسم أو البريد الإلكتروني أو الهاتف أو المرجع</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>العميل</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>الاسم:</translation>
    </message>
    <message>
        <source>Email:</source>
        <translation>البريد الإلكتروني:</translation>
    </message>
    <message>
        <source>Phone:</source>
        <translation>الهاتف:</translation>
    </message>
    <message>
        <source>Reference:</source>
        <translation>المرجع:</translation>
    </message>
    <message>
        <source>Notes:</source>
        <translation>ملاحظات:</translation>
    </message>
    <message>
        <source>Saved cards</source>
        <translation>البطاقات المحفوظة</translation>
    </message>
    <message>
        <source>Show &amp;archived</source>
        <translation>إظهار المؤر&amp;شفين</translation>
    </message>
    <message>
        <source>Verify this charge…</source>
        <translation>تحقّق من هذا التحصيل…</translation>
    </message>
</context>
<context>
    <name>Display</name>
    <message>
        <source>first-payment amount</source>
        <translation>مبلغ الدفعة الأولى</translation>
    </message>
    <message>
        <source>In flight</source>
        <translation>جارية</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>مقبولة</translation>
    </message>
    <message>
        <source>Declined</source>
        <translation>مرفوضة</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>مرفوضة قبل المعالجة</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>لم تُرسل</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>غير معروفة</translation>
    </message>
    <message>
        <source>refund pending</source>
        <translation>الاسترداد قيد المعالجة</translation>
    </message>
    <message>
        <source>refunded</source>
        <translation>مستردة</translation>
    </message>
    <message>
        <source>refund rejected</source>
        <translation>رُفض الاسترداد</translation>
    </message>
    <message>
        <source>refund unknown</source>
        <translation>الاسترداد غير معروف</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>نشطة</translation>
    </message>
    <message>
        <source>Revoke pending</source>
        <translation>قيد الإبطال</translation>
    </message>
    <message>
        <source>Deactivated</source>
        <translation>معطّلة</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>منتهية</translation>
    </message>
    <message>
        <source>Invalid</source>
        <translation>غير صالحة</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>منتهية الصلاحية</translation>
    </message>
    <message>
        <source>expires today</source>
        <translation>تنتهي اليوم</translation>
    </message>
    <message>
        <source>expires tomorrow</source>
        <translation>تنتهي غدًا</translation>
    </message>
    <message numerus="yes">
        <source>expires in %n days</source>
        <translation>
            <numerusform>تنتهي خلال %n يوم</numerusform>
            <numerusform>تنتهي خلال يوم واحد</numerusform>
            <numerusform>تنتهي خلال يومين</numerusform>
            <numerusform>تنتهي خلال %n أيام</numerusform>
            <numerusform>تنتهي خلال %n يومًا</numerusform>
            <numerusform>تنتهي خلال %n يوم</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (taken)</source>
        <extracomment>A blank-amount charge: the amount the gateway reported taken.</extracomment>
        <translation>%1 (المحصَّل فعلًا)</translation>
    </message>
    <message>
        <source>%1 (expected)</source>
        <extracomment>A blank-amount charge: the card&apos;s first payment, expected but not confirmed by the gateway.</extracomment>
        <translation>%1 (المتوقَّع)</translation>
    </message>
    <message>
        <source>%1 sent with the charge.</source>
        <translation>أُرسل %1 مع التحصيل.</translation>
    </message>
    <message>
        <source>No amount sent: Fatora charged the first-payment amount and reports %1 taken.</source>
        <translation>لم يُرسل أي مبلغ: حصّلت ⁦Fatora⁩ مبلغ الدفعة الأولى وتفيد بأن المحصَّل فعلًا %1.</translation>
    </message>
    <message>
        <source>No amount sent: Fatora charges the card&apos;s first payment, expected to be %1 (not confirmed by the gateway; Verify asks).</source>
        <translation>لم يُرسل أي مبلغ: تحصّل ⁦Fatora⁩ مبلغ الدفعة الأولى للبطاقة، والمتوقَّع أن يكون %1 (لم تؤكده البوابة؛ «تحقّق» يسأل عنه).</translation>
    </message>
    <message>
        <source>No amount sent: Fatora charges the card&apos;s first payment, whose amount is not recorded.</source>
        <translation>لم يُرسل أي مبلغ: تحصّل ⁦Fatora⁩ مبلغ الدفعة الأولى للبطاقة، وهو مبلغ غير مسجَّل.</translation>
    </message>
    <message>
        <source>The gateway reports %1 taken, not %2.</source>
        <translation>تفيد البوابة بأن المحصَّل فعلًا %1، وليس %2.</translation>
    </message>
    <message>
        <source>Waiting for the customer</source>
        <translation>بانتظار العميل</translation>
    </message>
    <message>
        <source>Link expired</source>
        <translation>انتهت صلاحية الرابط</translation>
    </message>
</context>
<context>
    <name>HistoryExporter</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>تعذّرت الكتابة إلى %1: %2</translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <source>Order id, transaction id or description</source>
        <translation>رقم الطلب أو رقم العملية أو الوصف</translation>
    </message>
    <message>
        <source>&amp;State:</source>
        <translation>ال&amp;حالة:</translation>
    </message>
    <message>
        <source>Fro&amp;m:</source>
        <translation>م&amp;ن:</translation>
    </message>
    <message>
        <source>T&amp;o:</source>
        <translation>إ&amp;لى:</translation>
    </message>
    <message>
        <source>C&amp;ustomer:</source>
        <translation>العم&amp;يل:</translation>
    </message>
    <message>
        <source>Type at least 3 characters to filter by order id, transaction id or description.</source>
        <translation>اكتب ثلاثة أحرف على الأقل للتصفية حسب رقم الطلب أو رقم العملية أو الوصف.</translation>
    </message>
    <message>
        <source>&amp;Refund:</source>
        <translation>الا&amp;سترداد:</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import customers and tokens</source>
        <translation>استيراد العملاء والبطاقات</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء الأمر</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>ا&amp;ستيراد</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Fatora Back Office</source>
        <translation>المكتب الخلفي لـ ⁦Fatora⁩</translation>
    </message>
    <message>
        <source>SANDBOX — simulator, no real money</source>
        <translation>بيئة تجريبية — محاكي، بلا أموال حقيقية</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;ملف</translation>
    </message>
    <message>
        <source>&amp;Customers</source>
        <translation>ال&amp;عملاء</translation>
    </message>
    <message>
        <source>&amp;Payments</source>
        <translation>الم&amp;دفوعات</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>أدو&amp;ات</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>م&amp;ساعدة</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>شريط الأدوات الرئيسي</translation>
    </message>
    <message>
        <source>&amp;Charge…</source>
        <translation>&amp;تحصيل…</translation>
    </message>
    <message>
        <source>Charge</source>
        <translation>تحصيل</translation>
    </message>
    <message>
        <source>Charge the selected saved card</source>
        <translation>التحصيل من البطاقة المحفوظة المحددة</translation>
    </message>
    <message>
        <source>&amp;Revoke token…</source>
        <translation>إ&amp;بطال البطاقة…</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>إبطال البطاقة</translation>
    </message>
    <message>
        <source>Deactivate the selected saved card at Fatora</source>
        <translation>تعطيل البطاقة المحفوظة المحددة لدى ⁦Fatora⁩</translation>
    </message>
    <message>
        <source>&amp;Verify payment</source>
        <translation>التحقق من ال&amp;دفعة</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>تحقّق</translation>
    </message>
    <message>
        <source>Ask Fatora what happened to the selected payment</source>
        <translation>اسأل ⁦Fatora⁩ عمّا حدث للدفعة المحددة</translation>
    </message>
    <message>
        <source>Re&amp;fund…</source>
        <translation>ا&amp;سترداد…</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>استرداد</translation>
    </message>
    <message>
        <source>Refund the selected approved payment</source>
        <translation>استرداد الدفعة المقبولة المحددة</translation>
    </message>
    <message>
        <source>&amp;Add customer…</source>
        <translation>إ&amp;ضافة عميل…</translation>
    </message>
    <message>
        <source>Add customer</source>
        <translation>إضافة عميل</translation>
    </message>
    <message>
        <source>Create a new customer</source>
        <translation>إنشاء عميل جديد</translation>
    </message>
    <message>
        <source>&amp;Edit customer…</source>
        <translation>&amp;تعديل العميل…</translation>
    </message>
    <message>
        <source>Change the selected customer&apos;s contact data</source>
        <translation>تعديل بيانات الاتصال للعميل المحدد</translation>
    </message>
    <message>
        <source>A&amp;rchive customer…</source>
        <translation>أ&amp;رشفة العميل…</translation>
    </message>
    <message>
        <source>Hide the selected customer from the list; history is kept</source>
        <translation>إخفاء العميل المحدد من القائمة مع الاحتفاظ بسجله</translation>
    </message>
    <message>
        <source>Add &amp;token…</source>
        <translation>إضافة ب&amp;طاقة…</translation>
    </message>
    <message>
        <source>Add token</source>
        <translation>إضافة بطاقة</translation>
    </message>
    <message>
        <source>Save a card token for the selected customer</source>
        <translation>حفظ رمز بطاقة للعميل المحدد</translation>
    </message>
    <message>
        <source>Show customer &amp;history</source>
        <translation>عرض &amp;سجل العميل</translation>
    </message>
    <message>
        <source>Show the transaction history of the selected customer</source>
        <translation>عرض سجل عمليات العميل المحدد</translation>
    </message>
    <message>
        <source>&amp;Find customer</source>
        <translation>ال&amp;بحث عن عميل</translation>
    </message>
    <message>
        <source>Search customers by name, email, phone or reference</source>
        <translation>البحث عن العملاء بالاسم أو البريد الإلكتروني أو الهاتف أو المرجع</translation>
    </message>
    <message>
        <source>&amp;Import CSV…</source>
        <translation>ا&amp;ستيراد CSV…</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>استيراد</translation>
    </message>
    <message>
        <source>Import customers and tokens from a CSV file</source>
        <translation>استيراد العملاء والبطاقات من ملف CSV</translation>
    </message>
    <message>
        <source>&amp;Export history CSV…</source>
        <translation>ت&amp;صدير السجل CSV…</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>تصدير</translation>
    </message>
    <message>
        <source>Export the filtered transaction history to a CSV file</source>
        <translation>تصدير سجل العمليات المصفّى إلى ملف CSV</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>الإ&amp;عدادات…</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>الإعدادات</translation>
    </message>
    <message>
        <source>Gateway address, API key, currency, operator and language</source>
        <translation>عنوان البوابة ومفتاح API والعملة والموظف واللغة</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;خروج</translation>
    </message>
    <message>
        <source>Re&amp;concile pending payments…</source>
        <translation>م&amp;طابقة الدفعات المعلّقة…</translation>
    </message>
    <message>
        <source>Verify every payment whose outcome is unknown</source>
        <translation>التحقق من كل دفعة نتيجتها غير معروفة</translation>
    </message>
    <message>
        <source>Re&amp;load</source>
        <translation>إعادة الت&amp;حميل</translation>
    </message>
    <message>
        <source>Read customers and history again from the database</source>
        <translation>قراءة العملاء والسجل من قاعدة البيانات مجددًا</translation>
    </message>
    <message>
        <source>&amp;About Fatora Back Office</source>
        <translation>&amp;حول المكتب الخلفي لـ ⁦Fatora⁩</translation>
    </message>
    <message>
        <source>Record refund &amp;outcome…</source>
        <translation>تسجيل &amp;نتيجة الاسترداد…</translation>
    </message>
    <message>
        <source>Record what Fatora&apos;s dashboard shows for a refund whose answer never arrived</source>
        <translation>سجّل ما تُظهره لوحة تحكم ⁦Fatora⁩ لاسترداد لم يصل ردّه</translation>
    </message>
    <message>
        <source>Close as &amp;not charged…</source>
        <translation>إغلاق على أنه &amp;لم يُحصَّل…</translation>
    </message>
    <message>
        <source>Close an unknown charge that Fatora still does not know a day later</source>
        <translation>أغلق تحصيلًا نتيجته غير معروفة ولا تعرفه ⁦Fatora⁩ بعد يوم</translation>
    </message>
    <message>
        <source>Save a &amp;new card…</source>
        <translation>حفظ بطاقة &amp;جديدة…</translation>
    </message>
    <message>
        <source>Send the selected customer a Fatora payment link that saves their card</source>
        <translation>إرسال رابط دفع من ⁦Fatora⁩ إلى العميل المحدد يحفظ بطاقته</translation>
    </message>
    <message>
        <source>Ask for a ne&amp;w card…</source>
        <translation>طلب بطاقة جدي&amp;دة…</translation>
    </message>
    <message>
        <source>Send a payment link that saves a new card, for a card that expires soon, expired or is invalid</source>
        <translation>إرسال رابط دفع يحفظ بطاقة جديدة، بدل بطاقة تنتهي قريبًا أو انتهت أو غير صالحة</translation>
    </message>
    <message>
        <source>C&amp;heck card request…</source>
        <translation>ال&amp;تحقق من طلب البطاقة…</translation>
    </message>
    <message>
        <source>Show the selected card request&apos;s link and ask Fatora whether the customer paid</source>
        <translation>عرض رابط طلب البطاقة المحدد وسؤال ⁦Fatora⁩ هل دفع العميل</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>OK</source>
        <translation>حسنًا</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>حفظ</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء الأمر</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>إغلاق</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>تطبيق</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>تجاهل</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>إعادة الضبط</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>مساعدة</translation>
    </message>
    <message>
        <source>&amp;Yes</source>
        <translation>&amp;نعم</translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation>&amp;لا</translation>
    </message>
</context>
<context>
    <name>ReconcileDialog</name>
    <message>
        <source>Verify payments</source>
        <translation>التحقق من الدفعات</translation>
    </message>
    <message>
        <source>%v of %m</source>
        <translation>%v من %m</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>إي&amp;قاف</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>إ&amp;غلاق</translation>
    </message>
</context>
<context>
    <name>RefundDialog</name>
    <message>
        <source>Refund a payment</source>
        <translation>استرداد دفعة</translation>
    </message>
    <message>
        <source>Refunds made before midnight GMT on an unsettled payment return at once; later ones take the bank 2 to 4 weeks.</source>
        <translation>الاسترداد قبل منتصف الليل بتوقيت غرينتش لدفعة لم تُسوَّ بعد يتم فورًا؛ وبعد ذلك يستغرق لدى البنك من 2 إلى 4 أسابيع.</translation>
    </message>
    <message>
        <source>Optional; kept in the audit log.</source>
        <translation>اختياري؛ يُحفظ في سجل التدقيق.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء الأمر</translation>
    </message>
    <message>
        <source>&amp;Refund</source>
        <translation>ا&amp;سترداد</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>إ&amp;غلاق</translation>
    </message>
    <message>
        <source>R&amp;eason:</source>
        <translation>السب&amp;ب:</translation>
    </message>
</context>
<context>
    <name>RefundOutcomeDialog</name>
    <message>
        <source>Record refund outcome</source>
        <translation>تسجيل نتيجة الاسترداد</translation>
    </message>
    <message>
        <source>What the dashboard shows, e.g. its refund reference. Kept in the audit log.</source>
        <translation>ما تُظهره لوحة التحكم، مثل مرجع الاسترداد. يُحفظ في سجل التدقيق.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء الأمر</translation>
    </message>
    <message>
        <source>&amp;Review…</source>
        <translation>م&amp;راجعة…</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;رجوع</translation>
    </message>
    <message>
        <source>Record &amp;outcome</source>
        <translation>تسجيل ال&amp;نتيجة</translation>
    </message>
    <message>
        <source>Fatora &amp;shows the refund: the money went back to the customer</source>
        <translation>&amp;تُظهر ⁦Fatora⁩ الاسترداد: عادت الأموال إلى العميل</translation>
    </message>
    <message>
        <source>Fatora shows &amp;no refund: the customer&apos;s payment stands</source>
        <translation>&amp;لا تُظهر ⁦Fatora⁩ أي استرداد: دفعة العميل قائمة</translation>
    </message>
    <message>
        <source>R&amp;eason:</source>
        <translation>السب&amp;ب:</translation>
    </message>
</context>
<context>
    <name>RefundRequestsWindow</name>
    <message>
        <source>Refund requests</source>
        <translation>طلبات الاسترداد</translation>
    </message>
    <message>
        <source>Change the &amp;limit…</source>
        <translation>تغيير ال&amp;حد…</translation>
    </message>
    <message>
        <source>Show &amp;decided requests too</source>
        <translation>إظهار الطلبات التي &amp;بُتّ فيها أيضًا</translation>
    </message>
    <message>
        <source>Double-click a request to open its payment in the history.</source>
        <translation>انقر نقرًا مزدوجًا على طلب لفتح دفعته في السجل.</translation>
    </message>
    <message>
        <source>&amp;Deny…</source>
        <translation>&amp;رفض…</translation>
    </message>
    <message>
        <source>&amp;Approve and refund…</source>
        <translation>&amp;موافقة واسترداد…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>إغلاق</translation>
    </message>
</context>
<context>
    <name>RevokeDialog</name>
    <message>
        <source>Revoke a saved card</source>
        <translation>إبطال بطاقة محفوظة</translation>
    </message>
    <message>
        <source>Why is this card revoked? Kept in the audit log.</source>
        <translation>لماذا تُبطَل هذه البطاقة؟ يُحفظ السبب في سجل التدقيق.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء الأمر</translation>
    </message>
    <message>
        <source>&amp;Revoke token</source>
        <translation>إ&amp;بطال البطاقة</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>إ&amp;عادة المحاولة</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>إ&amp;غلاق</translation>
    </message>
    <message>
        <source>R&amp;eason:</source>
        <translation>السب&amp;ب:</translation>
    </message>
    <message>
        <source>Fatora will switch this saved card off. It can never be charged again; to save the card again, the customer must pay once more online and agree to keep the card on file.</source>
        <translation>ستعطّل ⁦Fatora⁩ هذه البطاقة المحفوظة. لن يمكن التحصيل منها مرة أخرى أبدًا؛ ولحفظ البطاقة من جديد، يجب أن يدفع العميل مرة أخرى عبر الإنترنت ويوافق على حفظ بطاقته.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>الإعدادات</translation>
    </message>
    <message>
        <source>Gateway</source>
        <translation>البوابة</translation>
    </message>
    <message>
        <source>&amp;Base URL:</source>
        <translation>&amp;عنوان الخادم:</translation>
    </message>
    <message>
        <source>API &amp;key:</source>
        <translation>مفتاح &amp;API:</translation>
    </message>
    <message>
        <source>&amp;Timeout:</source>
        <translation>مهلة الا&amp;نتظار:</translation>
    </message>
    <message>
        <source> s</source>
        <translation> ث</translation>
    </message>
    <message>
        <source>Test &amp;connection</source>
        <translation>اختبار الا&amp;تصال</translation>
    </message>
    <message>
        <source>Desk</source>
        <translation>المكتب</translation>
    </message>
    <message>
        <source>Default &amp;currency:</source>
        <translation>ال&amp;عملة الافتراضية:</translation>
    </message>
    <message>
        <source>&amp;Operator name:</source>
        <translation>اسم المو&amp;ظف:</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>ال&amp;لغة:</translation>
    </message>
    <message>
        <source>Card requests</source>
        <translation>طلبات البطاقات</translation>
    </message>
    <message>
        <source>“Save a new card…” sends the customer a Fatora payment link. After paying, Fatora sends the customer&apos;s browser back to one of your shop&apos;s pages: the success page (payment made, card saved) or the failure page. They only show the customer a message; the desk learns the outcome from Fatora, never from them. Give both as https addresses. fatora-cli reads them from FATORA_SUCCESS_URL and FATORA_FAILURE_URL.</source>
        <translation>«حفظ بطاقة جديدة…» يرسل إلى العميل رابط دفع من ⁦Fatora⁩. بعد الدفع تعيد ⁦Fatora⁩ متصفح العميل إلى إحدى صفحات متجرك: صفحة النجاح (تم الدفع وحُفظت البطاقة) أو صفحة الفشل. لا تعرض هاتان الصفحتان إلا رسالة للعميل؛ أما المكتب فيعرف النتيجة من ⁦Fatora⁩، لا منهما أبدًا. أدخل العنوانين بصيغة ⁦https⁩. يقرأهما ⁦fatora-cli⁩ من ⁦FATORA_SUCCESS_URL⁩ و⁦FATORA_FAILURE_URL⁩.</translation>
    </message>
    <message>
        <source>&amp;Success page:</source>
        <translation>صفحة ال&amp;نجاح:</translation>
    </message>
    <message>
        <source>&amp;Failure page:</source>
        <translation>صفحة ال&amp;فشل:</translation>
    </message>
    <message>
        <source>Wait for payment &amp;up to:</source>
        <translation>انتظار الدفع &amp;حتى:</translation>
    </message>
    <message>
        <source> h</source>
        <translation> ساعة</translation>
    </message>
    <message>
        <source>An unpaid link older than this counts as expired at its next check and can then be closed with a reason.</source>
        <translation>الرابط غير المدفوع الأقدم من هذه المدة يُعد منتهيًا عند التحقق التالي، ويمكن إغلاقه حينها مع ذكر السبب.</translation>
    </message>
</context>
<context>
    <name>StaffWindow</name>
    <message>
        <source>Staff</source>
        <translation>الموظفون</translation>
    </message>
    <message>
        <source>Each person signs in with their own login. A new person gets a one-time password, shown once here, that they replace at their first sign-in.</source>
        <translation>يدخل كل شخص باسم الدخول الخاص به. يحصل الشخص الجديد على كلمة مرور مؤقتة تظهر هنا مرة واحدة، ويستبدلها عند أول دخول له.</translation>
    </message>
    <message>
        <source>&amp;Role of the selected person:</source>
        <translation>&amp;دور الشخص المحدد:</translation>
    </message>
    <message>
        <source>&amp;Change role</source>
        <translation>&amp;تغيير الدور</translation>
    </message>
    <message>
        <source>&amp;Disable</source>
        <translation>ت&amp;عطيل</translation>
    </message>
    <message>
        <source>New person&apos;s &amp;login:</source>
        <translation>ا&amp;سم دخول الشخص الجديد:</translation>
    </message>
    <message>
        <source>e.g. amal.k</source>
        <translation>مثل amal.k</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>إ&amp;ضافة</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>إغلاق</translation>
    </message>
    <message>
        <source>C&amp;opy</source>
        <translation>ن&amp;سخ</translation>
    </message>
</context>
<context>
    <name>TokenDialog</name>
    <message>
        <source>Add a card token</source>
        <translation>إضافة رمز بطاقة</translation>
    </message>
    <message>
        <source>&amp;Token:</source>
        <translation>ال&amp;رمز:</translation>
    </message>
    <message>
        <source>&amp;Label:</source>
        <translation>ال&amp;تسمية:</translation>
    </message>
    <message>
        <source>e.g. Visa business card</source>
        <translation>مثال: بطاقة فيزا للأعمال</translation>
    </message>
    <message>
        <source>&amp;Issued:</source>
        <translation>تاريخ الإ&amp;صدار:</translation>
    </message>
    <message>
        <source>E&amp;xpires:</source>
        <translation>تاريخ الا&amp;نتهاء:</translation>
    </message>
    <message>
        <source>&amp;First payment:</source>
        <translation>الدفعة الأ&amp;ولى:</translation>
    </message>
    <message>
        <source>Optional: amount of the first payment</source>
        <translation>اختياري: مبلغ الدفعة الأولى</translation>
    </message>
    <message>
        <source>Paste the card token exactly as Fatora gave it</source>
        <translation>الصق رمز البطاقة كما أعطته ⁦Fatora⁩ تمامًا</translation>
    </message>
</context>
<context>
    <name>UiSupport</name>
    <message>
        <source>%1: %2</source>
        <extracomment>%1 is a field of a form (&quot;Email&quot;), %2 what is wrong with it.</extracomment>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>fatora::ActionRules</name>
    <message>
        <source>This card is not expiring soon, expired or invalid: use “Save a new card…” on the customer to add another card.</source>
        <translation>هذه البطاقة لا تنتهي قريبًا وليست منتهية أو غير صالحة: استخدم «حفظ بطاقة جديدة…» على العميل لإضافة بطاقة أخرى.</translation>
    </message>
    <message>
        <source>Send the customer a link that saves a new card in place of %1.</source>
        <translation>إرسال رابط إلى العميل يحفظ بطاقة جديدة بدل %1.</translation>
    </message>
    <message>
        <source>This customer is archived: restore the customer first.</source>
        <translation>هذا العميل مؤرشف: أعِده أولًا.</translation>
    </message>
    <message>
        <source>Send the customer a Fatora link that saves their card (review before anything is sent).</source>
        <translation>إرسال رابط من ⁦Fatora⁩ إلى العميل يحفظ بطاقته (مع مراجعة قبل إرسال أي شيء).</translation>
    </message>
</context>
<context>
    <name>fatora::ActivityTableModel</name>
    <message>
        <source>Payment %1</source>
        <translation>الدفعة %1</translation>
    </message>
    <message>
        <source>Card %1</source>
        <translation>البطاقة %1</translation>
    </message>
    <message>
        <source>Customer %1</source>
        <translation>العميل %1</translation>
    </message>
    <message>
        <source>Billing run %1</source>
        <translation>دفعة الفوترة %1</translation>
    </message>
    <message>
        <source>Staff member %1</source>
        <translation>الموظف %1</translation>
    </message>
    <message>
        <source>The database</source>
        <translation>قاعدة البيانات</translation>
    </message>
    <message>
        <source>When</source>
        <translation>الوقت</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>الشخص</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>الإجراء</translation>
    </message>
    <message>
        <source>About</source>
        <translation>يخص</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>التفاصيل</translation>
    </message>
    <message>
        <source>Shared settings</source>
        <translation>الإعدادات المشتركة</translation>
    </message>
</context>
<context>
    <name>fatora::ActivityWindow</name>
    <message>
        <source>Every action</source>
        <translation>كل الإجراءات</translation>
    </message>
    <message>
        <source>Charges</source>
        <translation>عمليات الخصم</translation>
    </message>
    <message>
        <source>Refunds</source>
        <translation>الاستردادات</translation>
    </message>
    <message>
        <source>Cards</source>
        <translation>البطاقات</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>العملاء</translation>
    </message>
    <message>
        <source>Card requests</source>
        <translation>طلبات البطاقات</translation>
    </message>
    <message>
        <source>Billing runs</source>
        <translation>دفعات الفوترة</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>الموظفون</translation>
    </message>
    <message>
        <source>Everything done on this database file, by whoever worked at this computer.</source>
        <translation>كل ما جرى على ملف قاعدة البيانات هذا، أيًّا كان من عمل على هذا الحاسوب.</translation>
    </message>
    <message>
        <source>Everyone&apos;s activity on the shared database (you are an administrator).</source>
        <translation>نشاط الجميع على قاعدة البيانات المشتركة (أنت مدير النظام).</translation>
    </message>
    <message>
        <source>Your own activity, %1: an administrator reads everyone&apos;s.</source>
        <translation>نشاطك أنت، %1: يطّلع مدير النظام على نشاط الجميع.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>تعذّرت الكتابة في %1: %2</translation>
    </message>
    <message>
        <source>Export activity</source>
        <translation>تصدير النشاط</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>ملفات CSV (*.csv)</translation>
    </message>
    <message numerus="yes">
        <source>Entries exported to %1: %n.</source>
        <translation>
            <numerusform>لم تُصدَّر أي قيود إلى %1.</numerusform>
            <numerusform>صُدِّر قيد واحد إلى %1.</numerusform>
            <numerusform>صُدِّر قيدان إلى %1.</numerusform>
            <numerusform>صُدِّرت %n قيود إلى %1.</numerusform>
            <numerusform>صُدِّر %n قيدًا إلى %1.</numerusform>
            <numerusform>صُدِّر %n قيد إلى %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>From is after to: nothing can match. Swap the dates.</source>
        <translation>تاريخ «من» بعد تاريخ «إلى»: لا يمكن أن يطابق شيء. بدّل التاريخين.</translation>
    </message>
</context>
<context>
    <name>fatora::AnswerJournal</name>
    <message>
        <source>%1 (%2): %3</source>
        <translation>%1 (%2): %3</translation>
    </message>
    <message>
        <source>Could not open the journal of unsaved answers</source>
        <translation>تعذّر فتح ملف الردود غير المحفوظة</translation>
    </message>
    <message>
        <source>Could not write the journal of unsaved answers</source>
        <translation>تعذّرت الكتابة في ملف الردود غير المحفوظة</translation>
    </message>
    <message>
        <source>Could not read the journal of unsaved answers</source>
        <translation>تعذّرت قراءة ملف الردود غير المحفوظة</translation>
    </message>
    <message>
        <source>Could not empty the journal of unsaved answers</source>
        <translation>تعذّر إفراغ ملف الردود غير المحفوظة</translation>
    </message>
</context>
<context>
    <name>fatora::AnswerRecorder</name>
    <message>
        <source>The gateway answered 409 Conflict: an earlier attempt with this order id may have reached it, so the outcome is unknown and the card may have been charged. Verify before charging again.</source>
        <translation>أجابت البوابة بـ 409 Conflict: ربما وصلتها محاولة سابقة برقم الطلب هذا، لذا فالنتيجة غير معروفة وربما تم التحصيل من البطاقة. تحقّق قبل التحصيل مرة أخرى.</translation>
    </message>
    <message>
        <source>No reliable answer from the gateway: the card may have been charged. Verify before charging again.</source>
        <translation>لا يوجد رد موثوق من البوابة: ربما تم التحصيل من البطاقة. تحقّق قبل التحصيل مرة أخرى.</translation>
    </message>
    <message>
        <source>Refund %1: %2</source>
        <translation>الاسترداد %1: %2</translation>
    </message>
</context>
<context>
    <name>fatora::ApiKeyKeeper</name>
    <message>
        <source>The API key is kept for this run only: no keychain stores it.</source>
        <translation>يُحفظ مفتاح API لهذه الجلسة فقط: لا توجد سلسلة مفاتيح تخزّنه.</translation>
    </message>
    <message>
        <source>The system keychain could not store the API key (%1). It is kept for this run only.</source>
        <translation>تعذّر على سلسلة مفاتيح النظام حفظ مفتاح API (%1). سيُحفظ لهذه الجلسة فقط.</translation>
    </message>
    <message>
        <source>API key saved in the system keychain.</source>
        <translation>حُفظ مفتاح API في سلسلة مفاتيح النظام.</translation>
    </message>
    <message>
        <source>The system keychain could not be read (%1). Enter the API key in Settings; it is kept for this run only.</source>
        <translation>تعذّرت قراءة سلسلة مفاتيح النظام (%1). أدخل مفتاح API في الإعدادات؛ سيُحفظ لهذه الجلسة فقط.</translation>
    </message>
    <message>
        <source>No API key yet: enter the merchant key in Settings.</source>
        <translation>لا يوجد مفتاح API بعد: أدخل مفتاح التاجر في الإعدادات.</translation>
    </message>
    <message>
        <source>no keychain stores it</source>
        <translation>لا توجد سلسلة مفاتيح تخزّنه</translation>
    </message>
</context>
<context>
    <name>fatora::AppSettings</name>
    <message>
        <source>is not a valid web address; expected e.g. https://api.fatora.io.</source>
        <translation>ليس عنوان ويب صالحًا؛ المتوقع مثل https://api.fatora.io.</translation>
    </message>
    <message>
        <source>must start with https:// (plain http is only allowed to this computer).</source>
        <translation>يجب أن يبدأ بـ https:// (لا يُسمح بـ http العادي إلا لهذا الحاسوب).</translation>
    </message>
    <message>
        <source>must not contain a user name or password.</source>
        <translation>يجب ألا يحتوي على اسم مستخدم أو كلمة مرور.</translation>
    </message>
    <message>
        <source>must not contain a query (?) or fragment (#).</source>
        <translation>يجب ألا يحتوي على استعلام (?) أو جزء (#).</translation>
    </message>
    <message>
        <source>must be between %1 and %2 milliseconds.</source>
        <translation>يجب أن يكون بين %1 و%2 ميلي ثانية.</translation>
    </message>
    <message>
        <source>is longer than 100 characters.</source>
        <translation>أطول من 100 حرف.</translation>
    </message>
    <message>
        <source>must not contain control characters such as line breaks.</source>
        <translation>يجب ألا يحتوي على أحرف تحكم مثل فواصل الأسطر.</translation>
    </message>
    <message>
        <source>must be a whole number of milliseconds, not &quot;%1&quot;.</source>
        <translation>يجب أن يكون عددًا صحيحًا من الميلي ثانية، وليس «%1».</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a currency this application knows (e.g. QAR, USD, KWD).</source>
        <translation>«%1» ليست عملة يعرفها هذا البرنامج (مثل QAR وUSD وKWD).</translation>
    </message>
    <message>
        <source>must be empty (system language), &quot;en&quot; or &quot;ar&quot;.</source>
        <translation>يجب أن يكون فارغًا (لغة النظام) أو «en» أو «ar».</translation>
    </message>
    <message>
        <source>No return page is set for card requests: set the success and failure pages (the addresses Fatora sends the customer back to after paying) in Settings, or FATORA_SUCCESS_URL and FATORA_FAILURE_URL for fatora-cli.</source>
        <translation>لم تُحدَّد صفحات العودة لطلبات البطاقات: حدِّد صفحتي النجاح والفشل (العنوانان اللذان تعيد ⁦Fatora⁩ العميل إليهما بعد الدفع) في الإعدادات، أو ⁦FATORA_SUCCESS_URL⁩ و⁦FATORA_FAILURE_URL⁩ لـ ⁦fatora-cli⁩.</translation>
    </message>
    <message>
        <source>must be between 1 and %1 hours.</source>
        <translation>يجب أن تكون بين 1 و%1 ساعة.</translation>
    </message>
</context>
<context>
    <name>fatora::BatchFile</name>
    <message>
        <source>The first line must name the columns: token_id or customer_reference, amount, and optionally note.</source>
        <translation>يجب أن يسمّي السطر الأول الأعمدة: ⁦token_id⁩ أو ⁦customer_reference⁩، و⁦amount⁩، و⁦note⁩ اختياريًا.</translation>
    </message>
    <message>
        <source>line %1: value %2 is %3 characters long; a cell may hold at most %4.</source>
        <translation>السطر ⁦%1⁩: القيمة رقم ⁦%2⁩ طولها ⁦%3⁩ حرفًا؛ والحد الأقصى للخلية ⁦%4⁩ حرفًا.</translation>
    </message>
    <message>
        <source>line %1 has %2 values but the header names only %3 columns: quote a value that holds a comma.</source>
        <translation>السطر ⁦%1⁩ فيه ⁦%2⁩ قيم، لكن سطر العناوين يسمّي ⁦%3⁩ أعمدة فقط: ضع كل قيمة فيها فاصلة بين علامتي تنصيص.</translation>
    </message>
    <message>
        <source>line %1 gives both token_id and customer_reference: keep one of them.</source>
        <translation>السطر ⁦%1⁩ يذكر ⁦token_id⁩ و⁦customer_reference⁩ معًا: أبقِ أحدهما فقط.</translation>
    </message>
    <message>
        <source>line %1 names no card: fill in token_id or customer_reference.</source>
        <translation>السطر ⁦%1⁩ لا يحدد أي بطاقة: املأ ⁦token_id⁩ أو ⁦customer_reference⁩.</translation>
    </message>
    <message>
        <source>line %1, note: %2</source>
        <translation>السطر ⁦%1⁩، ⁦note⁩: %2</translation>
    </message>
    <message>
        <source>is empty. %1</source>
        <translation>فارغ. %1</translation>
    </message>
    <message>
        <source>line %1, column %2: not a column name; the first line names the columns. %3</source>
        <translation>السطر ⁦%1⁩، العمود ⁦%2⁩: ليس اسم عمود؛ السطر الأول يسمّي الأعمدة. %3</translation>
    </message>
    <message>
        <source>line %1: the column &quot;%2&quot; is not one a billing run knows. %3</source>
        <translation>السطر ⁦%1⁩: العمود «⁦%2⁩» ليس من الأعمدة التي تعرفها حزمة التحصيل. %3</translation>
    </message>
    <message>
        <source>line %1: the column &quot;%2&quot; appears twice. %3</source>
        <translation>السطر ⁦%1⁩: يظهر العمود «⁦%2⁩» مرتين. %3</translation>
    </message>
    <message>
        <source>line %1 names no token_id or customer_reference column. %2</source>
        <translation>السطر ⁦%1⁩ لا يسمّي عمود ⁦token_id⁩ ولا عمود ⁦customer_reference⁩. %2</translation>
    </message>
    <message>
        <source>line %1 has no amount column; leave a cell blank to charge the card&apos;s first payment amount. %2</source>
        <translation>السطر ⁦%1⁩ ليس فيه عمود ⁦amount⁩؛ اترك الخلية فارغة لتحصيل مبلغ الدفعة الأولى للبطاقة. %2</translation>
    </message>
    <message>
        <source>has %1 rows; a billing run takes at most %2. Split the file.</source>
        <translation>عدد صفوفه ⁦%1⁩، وأقصى عدد تقبله حزمة التحصيل ⁦%2⁩. قسّم الملف.</translation>
    </message>
</context>
<context>
    <name>fatora::BatchItemModel</name>
    <message>
        <source>To charge</source>
        <translation>للتحصيل</translation>
    </message>
    <message>
        <source>Skipped: %1</source>
        <translation>متجاوَزة: %1</translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation>لم تُرسل: %1</translation>
    </message>
    <message>
        <source>Cancelled, not sent</source>
        <translation>أُلغيت، لم تُرسل</translation>
    </message>
    <message>
        <source>In flight</source>
        <translation>جارية</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>مقبولة</translation>
    </message>
    <message>
        <source>Declined</source>
        <translation>مرفوضة</translation>
    </message>
    <message>
        <source>Not sent (gateway unreachable)</source>
        <translation>لم تُرسل (تعذّر الوصول إلى البوابة)</translation>
    </message>
    <message>
        <source>Outcome unknown: verify</source>
        <translation>النتيجة غير معروفة: تحقّق منها</translation>
    </message>
    <message>
        <source>%1 (first payment)</source>
        <translation>⁦%1⁩ (الدفعة الأولى)</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>السطر</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>العميل</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>البطاقة</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>المبلغ</translation>
    </message>
    <message>
        <source>What happens</source>
        <translation>ما يحدث</translation>
    </message>
</context>
<context>
    <name>fatora::BatchPlanner</name>
    <message>
        <source>line %1</source>
        <translation>السطر ⁦%1⁩</translation>
    </message>
    <message>
        <source>%1, token_id: not a card id; give the number the cards list shows (fatora-cli tokens list).</source>
        <translation>%1، ⁦token_id⁩: ليس رقم بطاقة؛ أدخل الرقم الظاهر في قائمة البطاقات (⁦fatora-cli tokens list⁩).</translation>
    </message>
    <message>
        <source>%1, token_id: no card has id %2 in this database; check the cards list.</source>
        <translation>%1، ⁦token_id⁩: لا توجد بطاقة رقمها ⁦%2⁩ في قاعدة البيانات هذه؛ راجع قائمة البطاقات.</translation>
    </message>
    <message>
        <source>%1, customer_reference: holds a card token, not a reference; give the card&apos;s id in token_id instead.</source>
        <translation>%1، ⁦customer_reference⁩: فيه رمز بطاقة وليس مرجعًا؛ أدخل رقم البطاقة في ⁦token_id⁩ بدلًا من ذلك.</translation>
    </message>
    <message>
        <source>%1, customer_reference: no customer has this reference; check the spelling in the file or use token_id.</source>
        <translation>%1، ⁦customer_reference⁩: لا يوجد عميل بهذا المرجع؛ راجع كتابته في الملف أو استخدم ⁦token_id⁩.</translation>
    </message>
    <message>
        <source>%1: %2 is archived; restore the customer first.</source>
        <translation>%1: %2 مؤرشف؛ أعِده أولًا.</translation>
    </message>
    <message>
        <source>%1: %2 has no active card; ask for a new card (Save a new card…).</source>
        <translation>%1: ليس لدى %2 بطاقة نشطة؛ اطلب بطاقة جديدة («حفظ بطاقة جديدة…»).</translation>
    </message>
    <message>
        <source>%1: %2 has %3 active cards; name the one to charge with token_id.</source>
        <translation>%1: لدى %2 بطاقات نشطة عددها ⁦%3⁩؛ حدّد في ⁦token_id⁩ البطاقة المراد التحصيل منها.</translation>
    </message>
    <message>
        <source>%1: the same card as line %2; a card is charged once per run.</source>
        <translation>%1: البطاقة نفسها الموجودة في السطر ⁦%2⁩؛ لا يُحصَّل من البطاقة إلا مرة واحدة في كل حزمة.</translation>
    </message>
    <message>
        <source>%1: this card waits in batch %2 (line %3); a card is in one run at a time. Cancel that batch or let it finish first.</source>
        <translation>%1: هذه البطاقة تنتظر في الحزمة ⁦%2⁩ (السطر ⁦%3⁩)؛ لا تكون البطاقة إلا في حزمة واحدة في كل مرة. ألغِ تلك الحزمة أو دعها تكتمل أولًا.</translation>
    </message>
    <message>
        <source>%1, amount: blank, but the card&apos;s first payment is not known; write the amount.</source>
        <translation>%1، ⁦amount⁩: فارغ، لكن مبلغ الدفعة الأولى للبطاقة غير معروف؛ اكتب المبلغ.</translation>
    </message>
    <message>
        <source>%1, amount (%2): %3</source>
        <translation>%1، ⁦amount⁩ (⁦%2⁩): %3</translation>
    </message>
    <message>
        <source>%1, amount: %2 is more than %3 times the card&apos;s first payment (%4); charge it on its own if it is right.</source>
        <translation>%1، ⁦amount⁩: ⁦%2⁩ أكثر من ⁦%3⁩ أضعاف الدفعة الأولى للبطاقة (⁦%4⁩)؛ إن كان المبلغ صحيحًا فحصّله بتحصيل منفرد خارج الحزمة.</translation>
    </message>
    <message>
        <source>%1: this card was charged in the last 24 hours (%2); charge it on its own if it is meant.</source>
        <translation>%1: حُصّل من هذه البطاقة خلال آخر 24 ساعة (%2)؛ إن كان ذلك مقصودًا فحصّل منها بتحصيل منفرد خارج الحزمة.</translation>
    </message>
    <message>
        <source>%1: this card was charged after it was declined (%2); it is not retried.</source>
        <translation>%1: حُصّل من هذه البطاقة بعد رفضها (%2)؛ فلن تُعاد المحاولة عليها.</translation>
    </message>
    <message>
        <source>customer %1</source>
        <translation>العميل ⁦%1⁩</translation>
    </message>
</context>
<context>
    <name>fatora::BatchRunner</name>
    <message>
        <source>Charges in flight must be between 1 and %1; %2 was given.</source>
        <translation>يجب أن يكون عدد عمليات التحصيل الجارية في آن واحد بين 1 و⁦%1⁩؛ والمُدخل ⁦%2⁩.</translation>
    </message>
    <message>
        <source>The pace must be between 0 (no limit) and %1 charges per second.</source>
        <translation>يجب أن يكون المعدل بين 0 (بلا حد) و⁦%1⁩ عملية تحصيل في الثانية.</translation>
    </message>
    <message>
        <source>This window is already running batch %1.</source>
        <translation>هذه النافذة تشغّل الحزمة ⁦%1⁩ بالفعل.</translation>
    </message>
    <message>
        <source>line %1: this card was charged after the batch was planned (%2); it is not charged again.</source>
        <translation>السطر ⁦%1⁩: حُصّل من هذه البطاقة بعد إعداد الحزمة (%2)؛ فلن يُحصَّل منها مرة أخرى.</translation>
    </message>
    <message>
        <source>Batch %1: the next charges could not be written ahead (%2); nothing of them was sent. Trying again in %3 s.</source>
        <translation>الحزمة ⁦%1⁩: تعذّر تسجيل عمليات التحصيل التالية مسبقًا (%2)؛ لم يُرسل أي منها. إعادة المحاولة بعد ⁦%3⁩ ث.</translation>
    </message>
    <message>
        <source>Batch %1 paused: the next charges could not be written ahead %2 times (%3). Nothing of them was sent. Resume the batch once the database is working again.</source>
        <translation>أُوقفت الحزمة ⁦%1⁩ مؤقتًا: تعذّر تسجيل عمليات التحصيل التالية مسبقًا، وبلغ عدد المحاولات ⁦%2⁩ (%3). لم يُرسل أي منها. استأنف الحزمة حين تعود قاعدة البيانات إلى العمل.</translation>
    </message>
</context>
<context>
    <name>fatora::BatchService</name>
    <message>
        <source>Batch %1 was cancelled: nothing more is sent. Create a new batch.</source>
        <translation>أُلغيت الحزمة ⁦%1⁩: لن يُرسل منها شيء بعد الآن. أنشئ حزمة جديدة.</translation>
    </message>
    <message>
        <source>Batch %1 is finished: every item was sent or skipped.</source>
        <translation>اكتملت الحزمة ⁦%1⁩: أُرسل كل بند فيها أو تم تجاوزه.</translation>
    </message>
    <message>
        <source>Batch %1 is not running (%2).</source>
        <translation>الحزمة ⁦%1⁩ ليست قيد التشغيل (%2).</translation>
    </message>
    <message>
        <source>No row can be charged: every row is skipped (see the reasons). Nothing was saved.</source>
        <translation>لا يوجد صف قابل للتحصيل: كل الصفوف متجاوَزة (انظر الأسباب). لم يُحفظ أي شيء.</translation>
    </message>
    <message>
        <source>Billing run %1</source>
        <translation>حزمة تحصيل ⁦%1⁩</translation>
    </message>
    <message>
        <source>Line %1: the card was put in another batch after this dry run; nothing was saved. Make the dry run again.</source>
        <translation>السطر ⁦%1⁩: أُضيفت البطاقة إلى حزمة أخرى بعد هذه المراجعة؛ لم يُحفظ أي شيء. أعد المراجعة.</translation>
    </message>
    <message>
        <source>Batch %1 has no item declined for insufficient funds.</source>
        <translation>لا يوجد في الحزمة ⁦%1⁩ بند رُفض لعدم كفاية الرصيد.</translation>
    </message>
    <message>
        <source>Retry of batch %1 (insufficient funds)</source>
        <translation>إعادة محاولة الحزمة ⁦%1⁩ (رصيد غير كافٍ)</translation>
    </message>
    <message>
        <source>batch %1, declined for insufficient funds</source>
        <translation>الحزمة ⁦%1⁩، رُفض لعدم كفاية الرصيد</translation>
    </message>
    <message>
        <source>Line %1: the card was charged, or has a charge in flight, since this dry run; nothing was saved. Make the dry run again.</source>
        <translation>السطر ⁦%1⁩: حُصّل مبلغ من البطاقة، أو لها عملية تحصيل جارية، بعد هذه المراجعة؛ لم يُحفظ أي شيء. أعد المراجعة.</translation>
    </message>
</context>
<context>
    <name>fatora::BatchWindow</name>
    <message>
        <source>Billing run</source>
        <translation>حزمة تحصيل</translation>
    </message>
    <message>
        <source>Open CSV…</source>
        <translation>فتح ملف ⁦CSV⁩…</translation>
    </message>
    <message>
        <source>No file yet. Columns: token_id or customer_reference, amount (blank: the card&apos;s first payment), note.</source>
        <translation>لا يوجد ملف بعد. الأعمدة: ⁦token_id⁩ أو ⁦customer_reference⁩، و⁦amount⁩ (فارغ: مبلغ الدفعة الأولى للبطاقة)، و⁦note⁩.</translation>
    </message>
    <message>
        <source>e.g. November fees</source>
        <translation>مثلًا: رسوم نوفمبر</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>الاسم:</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>إغلاق</translation>
    </message>
    <message>
        <source>Review…</source>
        <translation>مراجعة…</translation>
    </message>
    <message>
        <source>Open a billing run&apos;s file</source>
        <translation>فتح ملف حزمة تحصيل</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>ملفات CSV (*.csv);;كل الملفات (*)</translation>
    </message>
    <message>
        <source>Charges at once:</source>
        <translation>عمليات التحصيل في آن واحد:</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>بلا حد</translation>
    </message>
    <message>
        <source>At most per second:</source>
        <translation>الحد الأقصى في الثانية:</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>رجوع</translation>
    </message>
    <message>
        <source>Start the run</source>
        <translation>بدء تحصيل الحزمة</translation>
    </message>
    <message>
        <source>Export results…</source>
        <translation>تصدير النتائج…</translation>
    </message>
    <message>
        <source>Retry the declined for insufficient funds…</source>
        <translation>إعادة محاولة المرفوضة لعدم كفاية الرصيد…</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>إيقاف مؤقت</translation>
    </message>
    <message>
        <source>Cancel the run…</source>
        <translation>إلغاء الحزمة…</translation>
    </message>
    <message>
        <source>%1 to charge (%2), %3 skipped.</source>
        <translation>للتحصيل: ⁦%1⁩ (%2)، المتجاوَزة: ⁦%3⁩.</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>لا شيء</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>تعذّرت قراءة %1: %2</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message numerus="yes">
        <source>%n customers selected</source>
        <translation>
            <numerusform>العملاء المحددون: %n</numerusform>
            <numerusform>العملاء المحددون: %n</numerusform>
            <numerusform>العملاء المحددون: %n</numerusform>
            <numerusform>العملاء المحددون: %n</numerusform>
            <numerusform>العملاء المحددون: %n</numerusform>
            <numerusform>العملاء المحددون: %n</numerusform>
        </translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>استئناف</translation>
    </message>
    <message>
        <source>No row can be charged: see why each one is skipped.</source>
        <translation>لا يوجد صف قابل للتحصيل: اطّلع على سبب تجاوز كل صف.</translation>
    </message>
    <message>
        <source>%1
Each card is charged once, under its own order id, written down before it is sent. Started by %2. If the desk stops, open the batch again (Payments, Open a billing run…) and resume: nothing is sent twice.</source>
        <translation>%1
يُحصَّل من كل بطاقة مرة واحدة، برقم طلب خاص بها يُسجَّل قبل الإرسال. بدأها: %2. إذا توقف المكتب، فافتح الحزمة مجددًا («المدفوعات ← فتح حزمة تحصيل…») واستأنفها: لا يُرسل شيء مرتين.</translation>
    </message>
    <message>
        <source>Cancel the run</source>
        <translation>إلغاء الحزمة</translation>
    </message>
    <message>
        <source>Cancel this run? The cards not charged yet will not be charged; charges on their way finish.</source>
        <translation>إلغاء هذه الحزمة؟ لن يُحصَّل من البطاقات التي لم يُحصَّل منها بعد؛ أما عمليات التحصيل الجارية فستكتمل.</translation>
    </message>
    <message>
        <source>Approved %1 · Declined %2 · Rejected or not sent %3 · Unknown %4 · In flight %5 · Waiting %6</source>
        <translation>المقبولة: ⁦%1⁩ · المرفوضة: ⁦%2⁩ · المرفوضة قبل المعالجة أو غير المرسلة: ⁦%3⁩ · غير المعروفة: ⁦%4⁩ · الجارية: ⁦%5⁩ · المنتظرة: ⁦%6⁩</translation>
    </message>
    <message>
        <source> · Verifying %1</source>
        <translation> · جارٍ التحقق: ⁦%1⁩</translation>
    </message>
    <message numerus="yes">
        <source> · About %n s left</source>
        <translation>
            <numerusform> · يتبقى نحو %n ث</numerusform>
            <numerusform> · يتبقى نحو %n ث</numerusform>
            <numerusform> · يتبقى نحو %n ث</numerusform>
            <numerusform> · يتبقى نحو %n ث</numerusform>
            <numerusform> · يتبقى نحو %n ث</numerusform>
            <numerusform> · يتبقى نحو %n ث</numerusform>
        </translation>
    </message>
    <message>
        <source> · Paused: charges on their way finish</source>
        <translation> · متوقفة مؤقتًا: تكتمل عمليات التحصيل الجارية</translation>
    </message>
    <message>
        <source>Billing run in progress</source>
        <translation>حزمة تحصيل قيد التنفيذ</translation>
    </message>
    <message>
        <source>Batch %1 is still sending charges. Pause it and close this window?</source>
        <translation>ما زالت الحزمة ⁦%1⁩ ترسل عمليات تحصيل. إيقافها مؤقتًا وإغلاق هذه النافذة؟</translation>
    </message>
    <message>
        <source>Charges on their way finish and are recorded. Resume the batch later with Open a billing run…</source>
        <translation>تكتمل عمليات التحصيل الجارية وتُسجَّل. استأنف الحزمة لاحقًا عبر «فتح حزمة تحصيل…»</translation>
    </message>
    <message>
        <source>Pause and close</source>
        <translation>إيقاف مؤقت وإغلاق</translation>
    </message>
    <message>
        <source>Keep running</source>
        <translation>متابعة التشغيل</translation>
    </message>
    <message>
        <source>Batch %1 is %2.</source>
        <translation>الحزمة ⁦%1⁩: %2.</translation>
    </message>
    <message>
        <source>%1: approved %2, declined %3, rejected %4, unknown %5.</source>
        <translation>%1: المقبولة ⁦%2⁩، المرفوضة ⁦%3⁩، المرفوضة قبل المعالجة ⁦%4⁩، غير المعروفة ⁦%5⁩.</translation>
    </message>
    <message>
        <source>Approved %1, declined %2, rejected or not sent %3, unknown %4, skipped %5, cancelled %6.</source>
        <translation>المقبولة: ⁦%1⁩، المرفوضة: ⁦%2⁩، المرفوضة قبل المعالجة أو غير المرسلة: ⁦%3⁩، غير المعروفة: ⁦%4⁩، المتجاوَزة: ⁦%5⁩، الملغاة: ⁦%6⁩.</translation>
    </message>
    <message numerus="yes">
        <source>%n charges have no answer yet: resume the batch to verify them; they are never sent again.</source>
        <translation>
            <numerusform>عمليات التحصيل التي لم يصلها رد بعد: %n. استأنف الحزمة للتحقق منها؛ لن تُرسل مرة أخرى أبدًا.</numerusform>
            <numerusform>عمليات التحصيل التي لم يصلها رد بعد: %n. استأنف الحزمة للتحقق منها؛ لن تُرسل مرة أخرى أبدًا.</numerusform>
            <numerusform>عمليات التحصيل التي لم يصلها رد بعد: %n. استأنف الحزمة للتحقق منهما؛ لن تُرسلا مرة أخرى أبدًا.</numerusform>
            <numerusform>عمليات التحصيل التي لم يصلها رد بعد: %n. استأنف الحزمة للتحقق منها؛ لن تُرسل مرة أخرى أبدًا.</numerusform>
            <numerusform>عمليات التحصيل التي لم يصلها رد بعد: %n. استأنف الحزمة للتحقق منها؛ لن تُرسل مرة أخرى أبدًا.</numerusform>
            <numerusform>عمليات التحصيل التي لم يصلها رد بعد: %n. استأنف الحزمة للتحقق منها؛ لن تُرسل مرة أخرى أبدًا.</numerusform>
        </translation>
    </message>
    <message>
        <source>Export the results</source>
        <translation>تصدير النتائج</translation>
    </message>
    <message>
        <source>batch-%1-results.csv</source>
        <translation>batch-%1-results.csv</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>ملفات CSV (*.csv)</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>تعذّرت الكتابة إلى %1: %2</translation>
    </message>
    <message>
        <source>retry of batch %1</source>
        <translation>إعادة محاولة الحزمة ⁦%1⁩</translation>
    </message>
    <message>
        <source>Checking every row…</source>
        <translation>جارٍ التحقق من كل سطر…</translation>
    </message>
</context>
<context>
    <name>fatora::CardRequestDialog</name>
    <message>
        <source>Sent with this card request and never with another one.</source>
        <translation>يُرسل مع طلب البطاقة هذا ولا يُرسل مع غيره أبدًا.</translation>
    </message>
    <message>
        <source>optional; shown to Fatora with the payment</source>
        <translation>اختيارية؛ تظهر لدى ⁦Fatora⁩ مع الدفعة</translation>
    </message>
    <message>
        <source>Ask for a new card</source>
        <translation>طلب بطاقة جديدة</translation>
    </message>
    <message>
        <source>Card %1 has expired.</source>
        <translation>انتهت صلاحية البطاقة %1.</translation>
    </message>
    <message>
        <source>Fatora reported card %1 invalid.</source>
        <translation>أفادت ⁦Fatora⁩ بأن البطاقة %1 غير صالحة.</translation>
    </message>
    <message>
        <source>Card %1 expires on %2.</source>
        <translation>تنتهي صلاحية البطاقة %1 في %2.</translation>
    </message>
    <message>
        <source>Send %1 a Fatora link: paying its first amount saves the card used as a new card. The old card stays as it is.</source>
        <translation>أرسل إلى %1 رابطًا من ⁦Fatora⁩: دفع المبلغ الأول عليه يحفظ البطاقة المستخدمة بطاقةً جديدة. تبقى البطاقة القديمة كما هي.</translation>
    </message>
    <message>
        <source>e.g. %1, the old card&apos;s first payment</source>
        <translation>مثلًا %1، الدفعة الأولى للبطاقة القديمة</translation>
    </message>
    <message>
        <source>Save a new card</source>
        <translation>حفظ بطاقة جديدة</translation>
    </message>
    <message>
        <source>Send %1 a Fatora link: paying its first amount saves the card used, so that it can be charged later.</source>
        <translation>أرسل إلى %1 رابطًا من ⁦Fatora⁩: دفع المبلغ الأول عليه يحفظ البطاقة المستخدمة ليمكن الخصم منها لاحقًا.</translation>
    </message>
    <message>
        <source>Customer %1 is archived: restore the customer first.</source>
        <translation>العميل %1 مؤرشف: أعِده أولًا.</translation>
    </message>
    <message>
        <source>Card requests are not available in this desk.</source>
        <translation>طلبات البطاقات غير متاحة في هذا المكتب.</translation>
    </message>
    <message>
        <source>First payment: enter the amount the customer pays on the link.</source>
        <translation>الدفعة الأولى: أدخل المبلغ الذي يدفعه العميل على الرابط.</translation>
    </message>
    <message>
        <source>First payment: %1</source>
        <translation>الدفعة الأولى: %1</translation>
    </message>
    <message>
        <source>First payment: the amount must be above zero.</source>
        <translation>الدفعة الأولى: يجب أن يكون المبلغ أكبر من صفر.</translation>
    </message>
    <message>
        <source>Send %1 a link to pay %2 and save the card?</source>
        <translation>إرسال رابط إلى %1 لدفع %2 وحفظ البطاقة؟</translation>
    </message>
    <message>
        <source>Fatora&apos;s payment page will be in Arabic.</source>
        <translation>ستكون صفحة الدفع لدى ⁦Fatora⁩ بالعربية.</translation>
    </message>
    <message>
        <source>Fatora&apos;s payment page will be in English.</source>
        <translation>ستكون صفحة الدفع لدى ⁦Fatora⁩ بالإنجليزية.</translation>
    </message>
    <message>
        <source>Nothing is charged now: only the customer can pay, on the link. Once a check finds the payment, the card used is saved to %1.</source>
        <translation>لا يُخصم شيء الآن: العميل وحده يستطيع الدفع، على الرابط. وحين يجد التحقق الدفعة تُحفظ البطاقة المستخدمة لدى %1.</translation>
    </message>
    <message>
        <source>Card %1 stays as it is: revoke it once the new card is saved, if it should not be charged again.</source>
        <translation>تبقى البطاقة %1 كما هي: أبطِلها بعد حفظ البطاقة الجديدة إن كان لا ينبغي الخصم منها مجددًا.</translation>
    </message>
    <message>
        <source>Note sent with the payment: %1</source>
        <translation>ملاحظة تُرسل مع الدفعة: %1</translation>
    </message>
    <message>
        <source>Order id: %1. It is saved before the request leaves, so the link is never lost.</source>
        <translation>رقم الطلب: %1. يُحفظ قبل خروج الطلب، فلا يضيع الرابط أبدًا.</translation>
    </message>
    <message>
        <source>Create the link</source>
        <translation>إنشاء الرابط</translation>
    </message>
    <message>
        <source>Asking Fatora for the link…</source>
        <translation>جارٍ طلب الرابط من ⁦Fatora⁩…</translation>
    </message>
    <message>
        <source>No card request made</source>
        <translation>لم يُنشأ طلب بطاقة</translation>
    </message>
    <message>
        <source>%1
Nothing was sent to Fatora.</source>
        <translation>%1
لم يُرسل أي شيء إلى ⁦Fatora⁩.</translation>
    </message>
    <message>
        <source>Order %1 is with Fatora. You may close this window: the link is kept with the card request in the history either way.</source>
        <translation>الطلب %1 لدى ⁦Fatora⁩. يمكنك إغلاق هذه النافذة: يُحفظ الرابط مع طلب البطاقة في السجل في كل الأحوال.</translation>
    </message>
    <message>
        <source>Could not read the card request</source>
        <translation>تعذّرت قراءة طلب البطاقة</translation>
    </message>
    <message>
        <source>Payment %1 is not a card request.</source>
        <translation>الدفعة %1 ليست طلب بطاقة.</translation>
    </message>
    <message>
        <source>No link yet</source>
        <translation>لا رابط بعد</translation>
    </message>
    <message>
        <source>The checkout call of this card request was interrupted, or is still running at another desk. Check it after a while: a request without a link is closed then.</source>
        <translation>انقطع طلب رابط الدفع لطلب البطاقة هذا، أو ما زال جاريًا في مكتب آخر. تحقق منه بعد قليل: يُغلق حينها الطلب الذي لا رابط له.</translation>
    </message>
    <message>
        <source>Link ready: waiting for the customer to pay</source>
        <translation>الرابط جاهز: بانتظار دفع العميل</translation>
    </message>
    <message>
        <source>Send the link to %1: copy it, let them scan the QR code, or send the message. Once a check finds the payment the card is saved (the desk also checks every few minutes).</source>
        <translation>أرسل الرابط إلى %1: انسخه، أو دعه يمسح رمز ⁦QR⁩، أو أرسل الرسالة. وحين يجد التحقق الدفعة تُحفظ البطاقة (ويتحقق المكتب أيضًا كل بضع دقائق).</translation>
    </message>
    <message>
        <source>Card saved</source>
        <translation>حُفظت البطاقة</translation>
    </message>
    <message>
        <source>Paid; no card saved</source>
        <translation>تم الدفع؛ لم تُحفظ بطاقة</translation>
    </message>
    <message>
        <source>%1 paid %2.</source>
        <translation>دفع %1 مبلغ %2.</translation>
    </message>
    <message>
        <source>Transaction id: %1</source>
        <translation>رقم العملية: %1</translation>
    </message>
    <message>
        <source>Payment failed</source>
        <translation>فشل الدفع</translation>
    </message>
    <message>
        <source>The customer&apos;s payment failed, so no card was saved. Send a new card request if they want to try again.</source>
        <translation>فشل دفع العميل، فلم تُحفظ أي بطاقة. أرسل طلب بطاقة جديدًا إن أراد المحاولة مجددًا.</translation>
    </message>
    <message>
        <source>No link</source>
        <translation>لا رابط</translation>
    </message>
    <message>
        <source>Fatora refused the checkout: %1</source>
        <translation>رفضت ⁦Fatora⁩ طلب الدفع: %1</translation>
    </message>
    <message>
        <source>Nothing was charged. Send a new card request.</source>
        <translation>لم يُخصم شيء. أرسل طلب بطاقة جديدًا.</translation>
    </message>
    <message>
        <source>Link expired</source>
        <translation>انتهت صلاحية الرابط</translation>
    </message>
    <message>
        <source>The customer did not pay on the link in time. Close the card request with a reason (history: “Close as not charged…”), or check again if the customer says they paid.</source>
        <translation>لم يدفع العميل على الرابط في الوقت المحدد. أغلق طلب البطاقة مع ذكر السبب (في السجل: «إغلاق كغير مخصوم…»)، أو تحقق مجددًا إن قال العميل إنه دفع.</translation>
    </message>
    <message>
        <source>Outcome unknown</source>
        <translation>النتيجة غير معروفة</translation>
    </message>
    <message>
        <source>Check the card request: the customer may have paid.</source>
        <translation>تحقق من طلب البطاقة: ربما دفع العميل.</translation>
    </message>
    <message>
        <source>Order id: %1</source>
        <translation>رقم الطلب: %1</translation>
    </message>
    <message>
        <source>This link is too long for a QR code: copy it instead.</source>
        <translation>هذا الرابط أطول من أن يتسع له رمز ⁦QR⁩: انسخه بدلًا من ذلك.</translation>
    </message>
    <message>
        <source>Let the customer scan this with their phone&apos;s camera.</source>
        <translation>دع العميل يمسح هذا بكاميرا هاتفه.</translation>
    </message>
    <message>
        <source>Opens your mail program with the message; this customer has no email address on file.</source>
        <translation>يفتح برنامج البريد مع الرسالة؛ لا يوجد بريد إلكتروني مسجل لهذا العميل.</translation>
    </message>
    <message>
        <source>Opens your mail program with the message to %1.</source>
        <translation>يفتح برنامج البريد مع الرسالة إلى %1.</translation>
    </message>
    <message>
        <source>or paste the address the customer&apos;s browser showed after paying</source>
        <translation>أو الصق العنوان الذي أظهره متصفح العميل بعد الدفع</translation>
    </message>
    <message>
        <source>Check now asks Fatora by order id. The customer&apos;s address is only a hint: Fatora&apos;s answer decides, and the card is saved from it.</source>
        <translation>«تحقق الآن» يسأل ⁦Fatora⁩ برقم الطلب. عنوان العميل مجرد دليل: جواب ⁦Fatora⁩ هو الحاسم، ومنه تُحفظ البطاقة.</translation>
    </message>
    <message>
        <source>Asking Fatora…</source>
        <translation>جارٍ سؤال ⁦Fatora⁩…</translation>
    </message>
    <message>
        <source>This address is about order %1, not this card request&apos;s order %2.</source>
        <translation>هذا العنوان يخص الطلب %1، لا طلب بطاقة هذا %2.</translation>
    </message>
    <message>
        <source>Link copied.</source>
        <translation>نُسخ الرابط.</translation>
    </message>
    <message>
        <source>Message copied: paste it into an SMS or WhatsApp chat.</source>
        <translation>نُسخت الرسالة: الصقها في رسالة ⁦SMS⁩ أو محادثة واتساب.</translation>
    </message>
    <message>
        <source>No mail program answered: copy the message instead.</source>
        <translation>لم يستجب أي برنامج بريد: انسخ الرسالة بدلًا من ذلك.</translation>
    </message>
</context>
<context>
    <name>fatora::CardRequestMessage</name>
    <message>
        <source>Hello %1,</source>
        <translation>مرحبًا %1،</translation>
    </message>
    <message>
        <source>%1 asks you to pay %2 on Fatora&apos;s secure payment page. Your card is saved there for later payments; its number is never shown to us.</source>
        <translation>يطلب منك %1 دفع %2 على صفحة الدفع الآمنة لدى ⁦Fatora⁩. تُحفظ بطاقتك هناك للدفعات اللاحقة، ولا يظهر لنا رقمها أبدًا.</translation>
    </message>
    <message>
        <source>Please pay %1 on Fatora&apos;s secure payment page. Your card is saved there for later payments; its number is never shown to us.</source>
        <translation>يُرجى دفع %1 على صفحة الدفع الآمنة لدى ⁦Fatora⁩. تُحفظ بطاقتك هناك للدفعات اللاحقة، ولا يظهر لنا رقمها أبدًا.</translation>
    </message>
    <message>
        <source>Pay here:</source>
        <translation>ادفع هنا:</translation>
    </message>
    <message>
        <source>Save your card with %1</source>
        <translation>احفظ بطاقتك لدى %1</translation>
    </message>
    <message>
        <source>Save your card</source>
        <translation>احفظ بطاقتك</translation>
    </message>
</context>
<context>
    <name>fatora::CardRequestService</name>
    <message>
        <source>No return page is set for card requests: set the success and failure pages in Settings, or FATORA_SUCCESS_URL and FATORA_FAILURE_URL for fatora-cli.</source>
        <translation>لم تُحدَّد صفحات العودة لطلبات البطاقات: حدِّد صفحتي النجاح والفشل في الإعدادات، أو ⁦FATORA_SUCCESS_URL⁩ و⁦FATORA_FAILURE_URL⁩ لـ ⁦fatora-cli⁩.</translation>
    </message>
    <message>
        <source>The first payment must be an amount above zero in a known currency.</source>
        <translation>يجب أن تكون الدفعة الأولى مبلغًا أكبر من صفر بعملة معروفة.</translation>
    </message>
    <message>
        <source>The payment page&apos;s language must be English (en) or Arabic (ar).</source>
        <translation>يجب أن تكون لغة صفحة الدفع الإنجليزية (⁦en⁩) أو العربية (⁦ar⁩).</translation>
    </message>
    <message>
        <source>There is no customer with id %1.</source>
        <translation>لا يوجد عميل بالرقم %1.</translation>
    </message>
    <message>
        <source>Customer %1 is archived: restore the customer first.</source>
        <translation>العميل %1 مؤرشف: أعِده أولًا.</translation>
    </message>
    <message>
        <source>Order id %1 was already used; start a new card request.</source>
        <translation>رقم الطلب %1 مستخدم من قبل؛ ابدأ طلب بطاقة جديدًا.</translation>
    </message>
    <message>
        <source>Asking Fatora for a checkout link.</source>
        <translation>جارٍ طلب رابط دفع من ⁦Fatora⁩.</translation>
    </message>
    <message>
        <source>The checkout link of order %1 arrived after the request was closed (%2); it was not kept. Send a new card request.</source>
        <translation>وصل رابط الدفع للطلب %1 بعد إغلاق الطلب (%2)؛ فلم يُحفظ. أرسل طلب بطاقة جديدًا.</translation>
    </message>
    <message>
        <source>Checkout link ready; waiting for the customer to pay.</source>
        <translation>رابط الدفع جاهز؛ بانتظار دفع العميل.</translation>
    </message>
    <message>
        <source>Checkout link for order %1 is ready: send it to the customer.</source>
        <translation>رابط الدفع للطلب %1 جاهز: أرسله إلى العميل.</translation>
    </message>
    <message>
        <source>No checkout link: %1</source>
        <translation>لا رابط دفع: %1</translation>
    </message>
    <message>
        <source>No checkout link for order %1: %2</source>
        <translation>لا رابط دفع للطلب %1: %2</translation>
    </message>
    <message>
        <source>The database is busy (%1); the checkout link of payment %2 is kept in memory and saving it is retried.</source>
        <translation>قاعدة البيانات مشغولة (%1)؛ يُحتفظ برابط الدفع للدفعة %2 في الذاكرة وتُعاد محاولة حفظه.</translation>
    </message>
    <message>
        <source>The checkout link could not be saved (%1); it was not handed out. Check the card request later and send a new one.</source>
        <translation>تعذّر حفظ رابط الدفع (%1)؛ فلم يُسلَّم لأحد. تحقق من طلب البطاقة لاحقًا وأرسل طلبًا جديدًا.</translation>
    </message>
    <message>
        <source>Card request %1 was already settled (%2).</source>
        <translation>طلب البطاقة %1 محسوم من قبل (%2).</translation>
    </message>
    <message>
        <source>Paid (checked %1).</source>
        <translation>مدفوع (تم التحقق %1).</translation>
    </message>
    <message>
        <source>The pasted address showed another card token than Fatora reports; Fatora&apos;s was used.</source>
        <translation>أظهر العنوان الملصق رمز بطاقة غير الذي تفيد به ⁦Fatora⁩؛ فاستُخدم رمز ⁦Fatora⁩.</translation>
    </message>
    <message>
        <source>Fatora named no card token, so no card was saved: ask Fatora for it, or send a new card request.</source>
        <translation>لم تذكر ⁦Fatora⁩ رمز بطاقة، فلم تُحفظ أي بطاقة: اطلبه من ⁦Fatora⁩، أو أرسل طلب بطاقة جديدًا.</translation>
    </message>
    <message>
        <source>Fatora&apos;s card token cannot be saved (%1).</source>
        <translation>لا يمكن حفظ رمز البطاقة من ⁦Fatora⁩ (%1).</translation>
    </message>
    <message>
        <source>Card %1 was already on file for this customer; it was not saved twice.</source>
        <translation>البطاقة %1 محفوظة من قبل لهذا العميل؛ فلم تُحفظ مرتين.</translation>
    </message>
    <message>
        <source>Card %1 is on file for customer %2, not this one: it was not saved. Check with Fatora who paid.</source>
        <translation>البطاقة %1 محفوظة للعميل %2 لا لهذا العميل: فلم تُحفظ. تحقق مع ⁦Fatora⁩ ممن دفع.</translation>
    </message>
    <message>
        <source>from card request %1</source>
        <translation>من طلب البطاقة %1</translation>
    </message>
    <message>
        <source>Card %1 saved.</source>
        <translation>حُفظت البطاقة %1.</translation>
    </message>
    <message>
        <source>Card %1 could not be saved: %2</source>
        <translation>تعذّر حفظ البطاقة %1: %2</translation>
    </message>
    <message>
        <source>The customer&apos;s payment failed (checked %1): %2; no card was saved.</source>
        <translation>فشل دفع العميل (تم التحقق %1): %2؛ لم تُحفظ أي بطاقة.</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>لم يُذكر سبب</translation>
    </message>
    <message>
        <source>Link expired: not paid (checked %1). Close it with a reason, or check again if the customer says they paid.</source>
        <translation>انتهت صلاحية الرابط: لم يُدفع (تم التحقق %1). أغلقه مع ذكر السبب، أو تحقق مجددًا إن قال العميل إنه دفع.</translation>
    </message>
    <message>
        <source>Not paid yet (checked %1).</source>
        <translation>لم يُدفع بعد (تم التحقق %1).</translation>
    </message>
    <message>
        <source>Check failed (checked %1): %2</source>
        <translation>فشل التحقق (%1): %2</translation>
    </message>
    <message>
        <source>The check of card request %1 could not be saved (%2); check it again.</source>
        <translation>تعذّر حفظ نتيجة التحقق من طلب البطاقة %1 (%2)؛ تحقق منه مجددًا.</translation>
    </message>
    <message>
        <source>No card request has order id %1 in this database.</source>
        <translation>لا يوجد طلب بطاقة برقم الطلب %1 في قاعدة البيانات هذه.</translation>
    </message>
    <message>
        <source>The address holds an escape that is not text (invalid UTF-8).</source>
        <translation>في العنوان ترميز ليس نصًا (⁦UTF-8⁩ غير صالح).</translation>
    </message>
    <message>
        <source>The address gives &quot;%1&quot; twice; it cannot be read safely.</source>
        <translation>يذكر العنوان «%1» مرتين؛ فلا يمكن قراءته بأمان.</translation>
    </message>
    <message>
        <source>The address&apos;s order or transaction id is too long or holds control characters.</source>
        <translation>رقم الطلب أو رقم العملية في العنوان طويل جدًا أو فيه محارف تحكم.</translation>
    </message>
    <message>
        <source>Card request %1 is still not paid (checked %2); it stays %3.</source>
        <translation>طلب البطاقة %1 لم يُدفع بعد (تحقق في %2)؛ يبقى %3.</translation>
    </message>
    <message>
        <source>The address has a broken %-escape in a name; paste it again exactly as the browser showed it.</source>
        <translation>في العنوان رمز هروب %- معطوب في أحد الأسماء؛ الصقه مجددًا كما أظهره المتصفح تمامًا.</translation>
    </message>
    <message>
        <source>The address has a broken %-escape in &quot;%1&quot;; paste it again exactly as the browser showed it.</source>
        <translation>في العنوان رمز هروب %- معطوب في «⁦%1⁩»؛ الصقه مجددًا كما أظهره المتصفح تمامًا.</translation>
    </message>
    <message>
        <source>Paste the whole address the customer&apos;s browser showed after paying, with everything after its &quot;?&quot;.</source>
        <translation>الصق العنوان كاملًا كما أظهره متصفح العميل بعد الدفع، مع كل ما يلي علامة «⁦?⁩» فيه.</translation>
    </message>
    <message>
        <source>The address names no order; paste the whole address.</source>
        <translation>لا يذكر العنوان أي طلب؛ الصق العنوان كاملًا.</translation>
    </message>
</context>
<context>
    <name>fatora::CardToken</name>
    <message>
        <source>a space</source>
        <translation>مسافة</translation>
    </message>
    <message>
        <source>a tab</source>
        <translation>علامة جدولة</translation>
    </message>
    <message>
        <source>a line break</source>
        <translation>فاصل أسطر</translation>
    </message>
    <message>
        <source>a non-breaking space</source>
        <translation>مسافة غير فاصلة</translation>
    </message>
    <message>
        <source>a byte order mark</source>
        <translation>علامة ترتيب البايتات</translation>
    </message>
    <message>
        <source>a space character (%1)</source>
        <translation>حرف مسافة (%1)</translation>
    </message>
    <message>
        <source>a control character (%1)</source>
        <translation>حرف تحكم (%1)</translation>
    </message>
    <message>
        <source>an invisible formatting character (%1)</source>
        <translation>حرف تنسيق غير مرئي (%1)</translation>
    </message>
    <message>
        <source>The card token is empty; paste the token Fatora returned.</source>
        <translation>رمز البطاقة فارغ؛ الصق الرمز الذي أعادته ⁦Fatora⁩.</translation>
    </message>
    <message>
        <source>The card token is %1 characters long; a token has at most %2. Check that only the token was pasted.</source>
        <translation>طول رمز البطاقة %1 حرفًا؛ والحد الأقصى للرمز %2. تأكّد من لصق الرمز وحده.</translation>
    </message>
    <message>
        <source>The card token contains a broken character at position %1; paste it again from the original.</source>
        <translation>يحتوي رمز البطاقة على حرف تالف في الموضع %1؛ الصقه مرة أخرى من الأصل.</translation>
    </message>
    <message>
        <source>at the start</source>
        <translation>في البداية</translation>
    </message>
    <message>
        <source>at the end</source>
        <translation>في النهاية</translation>
    </message>
    <message>
        <source>at position %1</source>
        <translation>في الموضع %1</translation>
    </message>
    <message>
        <source>The card token has %1 %2. Tokens never contain spaces or invisible characters; paste the token again exactly as Fatora returned it.</source>
        <translation>يحتوي رمز البطاقة على %1 %2. لا تحتوي الرموز أبدًا على مسافات أو أحرف غير مرئية؛ الصق الرمز مرة أخرى كما أعادته ⁦Fatora⁩ تمامًا.</translation>
    </message>
</context>
<context>
    <name>fatora::ChangePasswordDialog</name>
    <message>
        <source>You signed in as %1 with the one-time password an administrator gave you. Choose your own password now (at least 12 characters): until then this desk can do nothing for you.</source>
        <translation>دخلت بصفة %1 بكلمة المرور المؤقتة التي أعطاك إياها مدير النظام. اختر الآن كلمة مرور خاصة بك (12 حرفًا على الأقل): حتى ذلك الحين لا يستطيع هذا المكتب أن يقوم بأي عمل لك.</translation>
    </message>
</context>
<context>
    <name>fatora::ChargeDialog</name>
    <message>
        <source>This card charges in %1.</source>
        <translation>تُحصَّل هذه البطاقة بعملة %1.</translation>
    </message>
    <message>
        <source>blank: first-payment amount (%1)</source>
        <translation>فارغ: مبلغ الدفعة الأولى (%1)</translation>
    </message>
    <message>
        <source>Leave blank and Fatora charges the first-payment amount, %1.</source>
        <translation>اتركه فارغًا لتحصّل ⁦Fatora⁩ مبلغ الدفعة الأولى، %1.</translation>
    </message>
    <message>
        <source>blank: first-payment amount</source>
        <translation>فارغ: مبلغ الدفعة الأولى</translation>
    </message>
    <message>
        <source>Leave blank and Fatora charges the amount of the first payment made with this card (not known here).</source>
        <translation>اتركه فارغًا لتحصّل ⁦Fatora⁩ مبلغ الدفعة الأولى التي تمت بهذه البطاقة (غير معروف هنا).</translation>
    </message>
    <message>
        <source>Amount: %1</source>
        <translation>المبلغ: %1</translation>
    </message>
    <message>
        <source>Charge %1 to %2&apos;s card %3?</source>
        <translation>تحصيل %1 من بطاقة %2 %3؟</translation>
    </message>
    <message>
        <source>Charge the first-payment amount (%1) to %2&apos;s card %3?</source>
        <translation>تحصيل مبلغ الدفعة الأولى (%1) من بطاقة %2 %3؟</translation>
    </message>
    <message>
        <source>Charge the first-payment amount to %1&apos;s card %2?</source>
        <translation>تحصيل مبلغ الدفعة الأولى من بطاقة %1 %2؟</translation>
    </message>
    <message>
        <source>Fatora takes %1 from this card as soon as you confirm.</source>
        <translation>تأخذ ⁦Fatora⁩ %1 من هذه البطاقة فور تأكيدك.</translation>
    </message>
    <message>
        <source>No amount is sent: Fatora charges the same amount as the first payment made with this card.</source>
        <translation>لا يُرسل أي مبلغ: تحصّل ⁦Fatora⁩ المبلغ نفسه للدفعة الأولى التي تمت بهذه البطاقة.</translation>
    </message>
    <message>
        <source>Only a refund can undo an approved charge.</source>
        <translation>لا يُلغى التحصيل المقبول إلا بالاسترداد.</translation>
    </message>
    <message>
        <source>Charge %1 now</source>
        <translation>حصّل %1 الآن</translation>
    </message>
    <message>
        <source>Charge first-payment amount now</source>
        <translation>حصّل مبلغ الدفعة الأولى الآن</translation>
    </message>
    <message>
        <source>Not charged</source>
        <translation>لم يتم التحصيل</translation>
    </message>
    <message>
        <source>%1
Nothing was sent to Fatora.</source>
        <translation>%1
لم يُرسل أي شيء إلى ⁦Fatora⁩.</translation>
    </message>
    <message>
        <source>Charging…</source>
        <translation>جارٍ التحصيل…</translation>
    </message>
    <message>
        <source>Order %1 is with Fatora. You may close this window: the result is recorded in the history either way.</source>
        <translation>الطلب %1 لدى ⁦Fatora⁩ الآن. يمكنك إغلاق هذه النافذة: تُسجَّل النتيجة في السجل في كل الأحوال.</translation>
    </message>
    <message>
        <source>Could not read the result</source>
        <translation>تعذّرت قراءة النتيجة</translation>
    </message>
    <message>
        <source>Waiting for Fatora…</source>
        <translation>بانتظار ⁦Fatora⁩…</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>مقبولة</translation>
    </message>
    <message>
        <source>%1 was charged to %2.</source>
        <translation>تم تحصيل %1 من %2.</translation>
    </message>
    <message>
        <source>Transaction id: %1</source>
        <translation>رقم العملية: %1</translation>
    </message>
    <message>
        <source>Auth code: %1</source>
        <translation>رمز التفويض: %1</translation>
    </message>
    <message>
        <source>Declined</source>
        <translation>مرفوضة</translation>
    </message>
    <message>
        <source>Fatora declined the charge: %1</source>
        <translation>رفضت ⁦Fatora⁩ التحصيل: %1</translation>
    </message>
    <message>
        <source>No money moved.</source>
        <translation>لم تُنقل أي أموال.</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>مرفوضة قبل المعالجة</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>لم تُرسل</translation>
    </message>
    <message>
        <source>Outcome unknown</source>
        <translation>النتيجة غير معروفة</translation>
    </message>
    <message>
        <source>The money may have moved. Do not charge again — Verify first.</source>
        <translation>ربما نُقلت الأموال. لا تحصّل مرة أخرى — تحقّق أولًا.</translation>
    </message>
    <message>
        <source>Order id: %1</source>
        <translation>رقم الطلب: %1</translation>
    </message>
    <message>
        <source>Verifying…</source>
        <translation>جارٍ التحقق…</translation>
    </message>
    <message>
        <source>Sent with this charge and never with another one: Fatora and the history know the charge by it.</source>
        <translation>يُرسل مع هذا التحصيل ولا يُرسل مع غيره أبدًا: به تعرف ⁦Fatora⁩ والسجلّ هذا التحصيل.</translation>
    </message>
    <message>
        <source>Order id: %1. It is saved before the request leaves, so the result is never lost.</source>
        <translation>رقم الطلب: %1. يُحفظ قبل إرسال الطلب، فلا تضيع النتيجة أبدًا.</translation>
    </message>
    <message>
        <source>No money moved. It is safe to try again: “New charge” starts one under a new order id.</source>
        <translation>لم تُنقل أي أموال. إعادة المحاولة آمنة: «تحصيل جديد» يبدأ تحصيلًا برقم طلب جديد.</translation>
    </message>
    <message>
        <source>Careful: %1 is more than %2 times this card&apos;s first payment (%3). Check the amount.</source>
        <translation>انتبه: %1 أكثر من %2 أضعاف الدفعة الأولى لهذه البطاقة (%3). تحقّق من المبلغ.</translation>
    </message>
    <message>
        <source>Yes, charge this card again, and this amount is right</source>
        <translation>نعم، حصّل من هذه البطاقة مرة أخرى، وهذا المبلغ صحيح</translation>
    </message>
    <message>
        <source>Yes, charge this card again</source>
        <translation>نعم، حصّل من هذه البطاقة مرة أخرى</translation>
    </message>
    <message>
        <source>Yes, this amount is right</source>
        <translation>نعم، هذا المبلغ صحيح</translation>
    </message>
    <message>
        <source>Answer not saved yet</source>
        <translation>لم يُحفظ الرد بعد</translation>
    </message>
    <message>
        <source>Fatora answered %1 for order %2, but the database could not save it: %3
%4
Do not charge again.</source>
        <translation>ردّت ⁦Fatora⁩ بـ %1 على الطلب %2، لكن تعذّر حفظ الرد في قاعدة البيانات: %3
%4
لا تحصّل مرة أخرى.</translation>
    </message>
    <message>
        <source>Keep the desk open: saving is retried.</source>
        <translation>أبقِ المكتب مفتوحًا: تُعاد محاولة الحفظ.</translation>
    </message>
    <message>
        <source>The answer is kept in %1 and saved as soon as the database takes it.</source>
        <translation>الرد محتفَظ به في %1، وسيُحفظ فور أن تقبله قاعدة البيانات.</translation>
    </message>
    <message>
        <source>Careful: this card was already charged %1 at %2 by %3 (order %4). Charging again takes the money a second time.</source>
        <extracomment>%1 amount, %2 date and time, %3 operator, %4 order id</extracomment>
        <translation>انتبه: سبق تحصيل %1 من هذه البطاقة في %2 بواسطة %3 (الطلب %4). التحصيل مرة أخرى يأخذ المال مرة ثانية.</translation>
    </message>
    <message>
        <source>an unnamed operator</source>
        <translation>موظف غير مسمّى</translation>
    </message>
    <message>
        <source>Reading the card…</source>
        <translation>جارٍ قراءة البطاقة…</translation>
    </message>
</context>
<context>
    <name>fatora::ChargeGuard</name>
    <message>
        <source>the first-payment amount</source>
        <translation>مبلغ الدفعة الأولى</translation>
    </message>
    <message>
        <source>an unnamed operator</source>
        <translation>موظف غير مسمّى</translation>
    </message>
    <message>
        <source>%1 at %2 by %3 (order %4)</source>
        <extracomment>%1 amount, %2 date and time, %3 operator, %4 order id</extracomment>
        <translation>%1 في %2 بواسطة %3 (الطلب %4)</translation>
    </message>
    <message>
        <source>This card was charged %1, less than %2 minutes ago. Nothing was sent: review the charge again and confirm that it is meant to be charged again.</source>
        <translation>حُصّل من هذه البطاقة %1، قبل أقل من %2 دقائق. لم يُرسل أي شيء: راجع التحصيل مرة أخرى وأكّد أن التحصيل منها مرة أخرى مقصود.</translation>
    </message>
    <message>
        <source>This card was charged again, %1, after you confirmed. Nothing was sent: review the charge again.</source>
        <translation>حُصّل من هذه البطاقة مرة أخرى، %1، بعد تأكيدك. لم يُرسل أي شيء: راجع التحصيل من جديد.</translation>
    </message>
    <message>
        <source>%1 is more than %2 times this card&apos;s first payment (%3). Nothing was sent: check the amount and confirm it explicitly.</source>
        <translation>%1 أكثر من %2 أضعاف الدفعة الأولى لهذه البطاقة (%3). لم يُرسل أي شيء: تحقّق من المبلغ وأكّده صراحةً.</translation>
    </message>
</context>
<context>
    <name>fatora::CloseUnfoundDialog</name>
    <message>
        <source>Close order %1 (%2 for %3, attempted %4) as &lt;b&gt;not charged&lt;/b&gt;?</source>
        <translation>إغلاق الطلب %1 (%2 لـ %3، جرت محاولته في %4) على أنه &lt;b&gt;لم يُحصَّل&lt;/b&gt;؟</translation>
    </message>
    <message>
        <source>Do this only when Fatora&apos;s dashboard does not show this order either. The payment then counts as never sent and the card can be charged again. It is allowed once a verify made a day or more after the attempt still finds no such order at Fatora.</source>
        <translation>افعل ذلك فقط إذا كانت لوحة تحكم ⁦Fatora⁩ لا تُظهر هذا الطلب أيضًا. تُعدّ الدفعة حينها كأنها لم تُرسل، ويمكن التحصيل من البطاقة مرة أخرى. يُسمح بذلك متى لم يجد تحقّقٌ أُجري بعد يوم أو أكثر من المحاولة هذا الطلبَ لدى ⁦Fatora⁩.</translation>
    </message>
    <message>
        <source>Last verify: %1, %2.</source>
        <translation>آخر تحقّق: %1، %2.</translation>
    </message>
    <message>
        <source>Fatora did not know the order</source>
        <translation>لم تكن ⁦Fatora⁩ تعرف الطلب</translation>
    </message>
    <message>
        <source>the outcome stayed unknown</source>
        <translation>بقيت النتيجة غير معروفة</translation>
    </message>
    <message>
        <source>Not verified yet.</source>
        <translation>لم يُتحقَّق منه بعد.</translation>
    </message>
    <message>
        <source>Reason: say why this charge is closed; it is kept in the audit log.</source>
        <translation>السبب: اذكر لماذا يُغلق هذا التحصيل؛ يُحفظ في سجل التدقيق.</translation>
    </message>
    <message>
        <source>Reading the payment…</source>
        <translation>جارٍ قراءة الدفعة…</translation>
    </message>
</context>
<context>
    <name>fatora::CsvImporter</name>
    <message>
        <source>line %1: a quoted value is never closed (a &quot; is missing).</source>
        <translation>السطر %1: قيمة بين علامتي تنصيص لم تُغلق (تنقص علامة &quot;).</translation>
    </message>
    <message>
        <source>has %1 values but the header names only %2 columns.</source>
        <translation>فيه %1 قيم لكن سطر العناوين يسمّي %2 أعمدة فقط.</translation>
    </message>
    <message>
        <source>is empty, but the row gives a label, issued date or first amount for a card. Add the token or clear those cells.</source>
        <translation>فارغ، لكن الصف يحدد تسمية أو تاريخ إصدار أو مبلغ دفعة أولى لبطاقة. أضف الرمز أو امسح تلك الخلايا.</translation>
    </message>
    <message>
        <source>is missing: give the date the token was issued as YYYY-MM-DD (it expires six months later).</source>
        <translation>مفقود: اكتب تاريخ إصدار الرمز بالصيغة YYYY-MM-DD (تنتهي صلاحيته بعد ستة أشهر).</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a date; write it as YYYY-MM-DD, e.g. 2026-11-25.</source>
        <translation>«%1» ليس تاريخًا؛ اكتبه بالصيغة YYYY-MM-DD، مثل 2026-11-25.</translation>
    </message>
    <message>
        <source>is empty: the first line must name the columns (name, email, phone, reference, token, label, issued, first_amount).</source>
        <translation>فارغ: يجب أن يسمّي السطر الأول الأعمدة (name وemail وphone وreference وtoken وlabel وissued وfirst_amount).</translation>
    </message>
    <message>
        <source>the column &quot;%1&quot; appears twice in the header.</source>
        <translation>يظهر العمود «%1» مرتين في سطر العناوين.</translation>
    </message>
    <message>
        <source>has no &quot;name&quot; column. The first line must name the columns (name, email, phone, reference, token, label, issued, first_amount).</source>
        <translation>لا يحتوي على عمود «name». يجب أن يسمّي السطر الأول الأعمدة (name وemail وphone وreference وtoken وlabel وissued وfirst_amount).</translation>
    </message>
    <message>
        <source>the same token is already on line %1.</source>
        <translation>الرمز نفسه موجود بالفعل في السطر %1.</translation>
    </message>
    <message>
        <source>imported from CSV line %1</source>
        <translation>مستورد من السطر %1 في ملف CSV</translation>
    </message>
    <message>
        <source>value %1 is %2 characters long; a cell may hold at most %3.</source>
        <translation>القيمة رقم %1 طولها %2 حرفًا؛ والحد الأقصى للخلية %3 حرفًا.</translation>
    </message>
    <message>
        <source>line %1 is not UTF-8 text. Save the file from the spreadsheet as &quot;CSV UTF-8&quot;.</source>
        <translation>السطر ⁦%1⁩ ليس نصًا بترميز ⁦UTF-8⁩. احفظ الملف من برنامج الجداول بصيغة «⁦CSV UTF-8⁩».</translation>
    </message>
</context>
<context>
    <name>fatora::CustomerDialog</name>
    <message>
        <source>Edit customer</source>
        <translation>تعديل العميل</translation>
    </message>
    <message>
        <source>Add customer</source>
        <translation>إضافة عميل</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>البريد الإلكتروني</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>الهاتف</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>المرجع</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>الملاحظات</translation>
    </message>
</context>
<context>
    <name>fatora::CustomerRules</name>
    <message>
        <source>&quot;%1&quot; is not an email address (expected e.g. name@example.com).</source>
        <translation>«%1» ليس عنوان بريد إلكتروني (المتوقع مثل name@example.com).</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a phone number: use digits, spaces and + - ( ).</source>
        <translation>«%1» ليس رقم هاتف: استخدم الأرقام والمسافات و + - ( ).</translation>
    </message>
    <message>
        <source>is missing: every customer needs a name.</source>
        <translation>مفقود: لا بد لكل عميل من اسم.</translation>
    </message>
    <message>
        <source>is empty: paste the card token exactly as Fatora returned it.</source>
        <translation>فارغ: الصق رمز البطاقة كما أعادته ⁦Fatora⁩ تمامًا.</translation>
    </message>
    <message>
        <source>is missing: give the date Fatora issued the token.</source>
        <translation>مفقود: أدخل التاريخ الذي أصدرت فيه ⁦Fatora⁩ الرمز.</translation>
    </message>
    <message>
        <source>must be after the issue date (%1).</source>
        <translation>يجب أن يكون بعد تاريخ الإصدار (%1).</translation>
    </message>
    <message>
        <source>Fatora tokens stop working six months after issue at the latest (%1).</source>
        <translation>تتوقف رموز ⁦Fatora⁩ عن العمل بعد ستة أشهر من إصدارها على الأكثر (%1).</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a known currency code (e.g. QAR, USD, KWD).</source>
        <translation>«%1» ليس رمز عملة معروفًا (مثل QAR وUSD وKWD).</translation>
    </message>
    <message>
        <source>is in %1 but the token charges in %2.</source>
        <translation>بعملة %1، لكن البطاقة تُحصَّل بعملة %2.</translation>
    </message>
    <message>
        <source>must be more than zero.</source>
        <translation>يجب أن يكون أكبر من صفر.</translation>
    </message>
    <message>
        <source>%1 is in the future.</source>
        <translation>%1 تاريخ في المستقبل.</translation>
    </message>
    <message>
        <source>contains the card token itself: give a name staff will recognise instead, such as “Visa business”.</source>
        <translation>يحتوي رمز البطاقة نفسه: اختر بدلًا منه اسمًا يعرفه الموظفون، مثل «Visa للأعمال».</translation>
    </message>
</context>
<context>
    <name>fatora::CustomerService</name>
    <message>
        <source>with fatora-cli</source>
        <translation>عبر fatora-cli</translation>
    </message>
    <message>
        <source>from a CSV file</source>
        <translation>من ملف CSV</translation>
    </message>
    <message>
        <source>&quot;%1&quot; already belongs to customer %2 (%3).</source>
        <translation>«%1» يخص العميل %2 (%3) بالفعل.</translation>
    </message>
    <message>
        <source>there is no customer with id %1.</source>
        <translation>لا يوجد عميل رقمه %1.</translation>
    </message>
    <message>
        <source>this card token is already saved (%1, customer %2).</source>
        <translation>رمز البطاقة هذا محفوظ بالفعل (%1، العميل %2).</translation>
    </message>
    <message>
        <source>card %1 for customer %2</source>
        <translation>البطاقة %1 للعميل %2</translation>
    </message>
</context>
<context>
    <name>fatora::CustomerTableModel</name>
    <message>
        <source>%1 (archived)</source>
        <translation>%1 (مؤرشف)</translation>
    </message>
    <message>
        <source>never</source>
        <translation>أبدًا</translation>
    </message>
    <message>
        <source>Reference: %1</source>
        <translation>المرجع: %1</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>البريد الإلكتروني</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>الهاتف</translation>
    </message>
    <message>
        <source>Active cards</source>
        <translation>البطاقات النشطة</translation>
    </message>
    <message>
        <source>Last charge</source>
        <translation>آخر تحصيل</translation>
    </message>
</context>
<context>
    <name>fatora::CustomersPanel</name>
    <message>
        <source>Select a customer to see their saved cards.</source>
        <translation>اختر عميلًا لعرض بطاقاته المحفوظة.</translation>
    </message>
    <message>
        <source>No saved cards. Add one with “Add token…” or import a CSV file.</source>
        <translation>لا توجد بطاقات محفوظة. أضف واحدة عبر «إضافة بطاقة…» أو استورد ملف CSV.</translation>
    </message>
    <message>
        <source>Fatora has not confirmed the revocation yet. The card cannot be charged; use “Revoke token…” to retry.</source>
        <translation>لم تؤكد ⁦Fatora⁩ الإبطال بعد. لا يمكن التحصيل من البطاقة؛ استخدم «إبطال البطاقة…» لإعادة المحاولة.</translation>
    </message>
    <message>
        <source>This card %1. Ask the customer for a new payment with a saved card.</source>
        <translation>هذه البطاقة %1. اطلب من العميل دفعة جديدة مع حفظ البطاقة.</translation>
    </message>
    <message numerus="yes">
        <source>Customers loaded: %n; scroll for more</source>
        <translation>
            <numerusform>العملاء المحمّلون: %n؛ مرّر لعرض المزيد</numerusform>
            <numerusform>العملاء المحمّلون: %n؛ مرّر لعرض المزيد</numerusform>
            <numerusform>العملاء المحمّلون: %n؛ مرّر لعرض المزيد</numerusform>
            <numerusform>العملاء المحمّلون: %n؛ مرّر لعرض المزيد</numerusform>
            <numerusform>العملاء المحمّلون: %n؛ مرّر لعرض المزيد</numerusform>
            <numerusform>العملاء المحمّلون: %n؛ مرّر لعرض المزيد</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Customers: %n</source>
        <translation>
            <numerusform>العملاء: %n</numerusform>
            <numerusform>العملاء: %n</numerusform>
            <numerusform>العملاء: %n</numerusform>
            <numerusform>العملاء: %n</numerusform>
            <numerusform>العملاء: %n</numerusform>
            <numerusform>العملاء: %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Matches loaded: %n; scroll for more</source>
        <translation>
            <numerusform>النتائج المحمّلة: %n؛ مرّر لعرض المزيد</numerusform>
            <numerusform>النتائج المحمّلة: %n؛ مرّر لعرض المزيد</numerusform>
            <numerusform>النتائج المحمّلة: %n؛ مرّر لعرض المزيد</numerusform>
            <numerusform>النتائج المحمّلة: %n؛ مرّر لعرض المزيد</numerusform>
            <numerusform>النتائج المحمّلة: %n؛ مرّر لعرض المزيد</numerusform>
            <numerusform>النتائج المحمّلة: %n؛ مرّر لعرض المزيد</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Matches: %n</source>
        <translation>
            <numerusform>النتائج: %n</numerusform>
            <numerusform>النتائج: %n</numerusform>
            <numerusform>النتائج: %n</numerusform>
            <numerusform>النتائج: %n</numerusform>
            <numerusform>النتائج: %n</numerusform>
            <numerusform>النتائج: %n</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 on %2, order %3</source>
        <translation>%1 في %2، الطلب %3</translation>
    </message>
    <message>
        <source>Charge in flight: %1. Wait for its result before charging this card again.</source>
        <translation>تحصيل جارٍ: %1. انتظر نتيجته قبل التحصيل من هذه البطاقة مرة أخرى.</translation>
    </message>
    <message>
        <source>Charge awaiting verification: %1. Its outcome is unknown, so the money may have moved; verify it before charging this card again.</source>
        <translation>تحصيل بانتظار التحقق: %1. نتيجته غير معروفة، لذا ربما نُقلت الأموال؛ تحقّق منه قبل التحصيل من هذه البطاقة مرة أخرى.</translation>
    </message>
    <message numerus="yes">
        <source>No name, email, phone number or reference starts with “%1”. Type %n or more characters to search inside them.</source>
        <translation>
            <numerusform>لا يبدأ أي اسم أو بريد إلكتروني أو رقم هاتف أو مرجع بـ «%1». اكتب %n حرف أو أكثر للبحث داخلها.</numerusform>
            <numerusform>لا يبدأ أي اسم أو بريد إلكتروني أو رقم هاتف أو مرجع بـ «%1». اكتب حرفًا واحدًا أو أكثر للبحث داخلها.</numerusform>
            <numerusform>لا يبدأ أي اسم أو بريد إلكتروني أو رقم هاتف أو مرجع بـ «%1». اكتب حرفين أو أكثر للبحث داخلها.</numerusform>
            <numerusform>لا يبدأ أي اسم أو بريد إلكتروني أو رقم هاتف أو مرجع بـ «%1». اكتب %n أحرف أو أكثر للبحث داخلها.</numerusform>
            <numerusform>لا يبدأ أي اسم أو بريد إلكتروني أو رقم هاتف أو مرجع بـ «%1». اكتب %n حرفًا أو أكثر للبحث داخلها.</numerusform>
            <numerusform>لا يبدأ أي اسم أو بريد إلكتروني أو رقم هاتف أو مرجع بـ «%1». اكتب %n حرف أو أكثر للبحث داخلها.</numerusform>
        </translation>
    </message>
    <message>
        <source>No customer found for “%1” in any part of the names, emails and references, nor %2 among the digits of the phone numbers.</source>
        <translation>لم يُعثر على عميل يطابق «%1» في أي جزء من الأسماء أو عناوين البريد الإلكتروني أو المراجع، ولا على %2 بين أرقام الهواتف.</translation>
    </message>
    <message>
        <source>No customer found for “%1” in any part of the names, emails and references. Phone numbers are searched when only digits, spaces, + or - are typed.</source>
        <translation>لم يُعثر على عميل يطابق «%1» في أي جزء من الأسماء أو عناوين البريد الإلكتروني أو المراجع. يُبحث في أرقام الهواتف عند كتابة أرقام ومسافات و+ و- فقط.</translation>
    </message>
    <message>
        <source>Archived customers are left out; tick “Show archived” to include them.</source>
        <translation>العملاء المؤرشفون غير مشمولين؛ فعّل «إظهار المؤرشفين» لإدراجهم.</translation>
    </message>
    <message>
        <source>Loading customers…</source>
        <translation>جارٍ تحميل العملاء…</translation>
    </message>
    <message>
        <source>Searching for “%1”…</source>
        <translation>جارٍ البحث عن “%1”…</translation>
    </message>
    <message>
        <source>Loading the saved cards…</source>
        <translation>جارٍ تحميل البطاقات المحفوظة…</translation>
    </message>
</context>
<context>
    <name>fatora::DatabasePage</name>
    <message>
        <source>Database file</source>
        <translation>ملف قاعدة البيانات</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>الخادم</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>المنفذ</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>قاعدة البيانات</translation>
    </message>
    <message>
        <source>User</source>
        <translation>المستخدم</translation>
    </message>
    <message>
        <source>Encryption (SSL)</source>
        <translation>التشفير (SSL)</translation>
    </message>
    <message>
        <source>&amp;This computer: a database file for this desk alone</source>
        <translation>&amp;هذا الحاسوب: ملف قاعدة بيانات لهذا المكتب وحده</translation>
    </message>
    <message>
        <source>&amp;Shared server: a PostgreSQL database several desks use</source>
        <translation>&amp;خادم مشترك: قاعدة بيانات ⁦PostgreSQL⁩ تستخدمها عدة مكاتب</translation>
    </message>
    <message>
        <source>Empty: the desk&apos;s own file in your data folder.</source>
        <translation>فارغ: ملف المكتب الخاص في مجلد بياناتك.</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;استعراض…</translation>
    </message>
    <message>
        <source>e.g. db.office.lan</source>
        <translation>مثلًا ⁦db.office.lan⁩</translation>
    </message>
    <message>
        <source>Empty: your login name on this computer</source>
        <translation>فارغ: اسم دخولك على هذا الحاسوب</translation>
    </message>
    <message>
        <source>Default: encrypted when the server offers it</source>
        <translation>الافتراضي: مشفّر حين يتيحه الخادم</translation>
    </message>
    <message>
        <source>Required (require)</source>
        <translation>إلزامي (⁦require⁩)</translation>
    </message>
    <message>
        <source>Required, server&apos;s certificate checked (verify-full)</source>
        <translation>إلزامي مع التحقق من شهادة الخادم (⁦verify-full⁩)</translation>
    </message>
    <message>
        <source>Off (disable): only on a trusted network</source>
        <translation>معطّل (⁦disable⁩): على شبكة موثوقة فقط</translation>
    </message>
    <message>
        <source>Kept in the system keychain, never in settings files</source>
        <translation>تُحفظ في سلسلة مفاتيح النظام، ولا تُكتب أبدًا في ملفات الإعدادات</translation>
    </message>
    <message>
        <source>&amp;Remember the password in the system keychain</source>
        <translation>&amp;تذكّر كلمة المرور في سلسلة مفاتيح النظام</translation>
    </message>
    <message>
        <source>Se&amp;rver:</source>
        <translation>ال&amp;خادم:</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>ال&amp;منفذ:</translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation>&amp;قاعدة البيانات:</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>الم&amp;ستخدم:</translation>
    </message>
    <message>
        <source>&amp;Encryption:</source>
        <translation>ال&amp;تشفير:</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>&amp;كلمة المرور:</translation>
    </message>
    <message>
        <source>Test co&amp;nnection</source>
        <translation>اختبار الا&amp;تصال</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Fatora database (*.sqlite);;All files (*)</source>
        <translation>قاعدة بيانات ⁦Fatora⁩ (*.sqlite);;كل الملفات (*)</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>جارٍ الاتصال…</translation>
    </message>
    <message>
        <source>Connected. The database is empty: the first desk to start sets it up (or run &quot;fatora-cli db init&quot;).</source>
        <translation>تم الاتصال. قاعدة البيانات فارغة: يُعدّها أول مكتب يبدأ العمل (أو شغّل «⁦fatora-cli db init⁩»).</translation>
    </message>
    <message>
        <source>Connected. The database has schema %1; this desk upgrades it to %2 when it starts.</source>
        <translation>تم الاتصال. مخطط قاعدة البيانات هو %1؛ وسيرقّيه هذا المكتب إلى %2 عند بدء تشغيله.</translation>
    </message>
    <message>
        <source>Connected to a Fatora Back Office database (schema %1).</source>
        <translation>تم الاتصال بقاعدة بيانات المكتب الخلفي لـ ⁦Fatora⁩ (المخطط %1).</translation>
    </message>
</context>
<context>
    <name>fatora::DatabaseProblemDialog</name>
    <message>
        <source>Cannot open the database</source>
        <translation>تعذّر فتح قاعدة البيانات</translation>
    </message>
    <message>
        <source>Correct the database or type its password, then try again. What you choose here is kept in the settings, as on the Settings &quot;Database&quot; page.</source>
        <translation>صحّح قاعدة البيانات أو اكتب كلمة مرورها، ثم أعد المحاولة. ما تختاره هنا يُحفظ في الإعدادات، كما في صفحة «قاعدة البيانات» في الإعدادات.</translation>
    </message>
    <message>
        <source>&amp;Try again</source>
        <translation>أ&amp;عد المحاولة</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;خروج</translation>
    </message>
</context>
<context>
    <name>fatora::DatabaseSettings</name>
    <message>
        <source>is longer than %1 characters.</source>
        <translation>أطول من %1 حرفًا.</translation>
    </message>
    <message>
        <source>must not contain spaces or control characters.</source>
        <translation>يجب ألا يحتوي على مسافات أو محارف تحكم.</translation>
    </message>
    <message>
        <source>is a server&apos;s address: choose &quot;Shared server&quot; for it.</source>
        <translation>هذا عنوان خادم: اختر «خادم مشترك» له.</translation>
    </message>
    <message>
        <source>must not contain control characters such as line breaks.</source>
        <translation>يجب ألا يحتوي على محارف تحكم مثل فواصل الأسطر.</translation>
    </message>
    <message>
        <source>enter the server&apos;s name or address, e.g. db.office.lan.</source>
        <translation>أدخل اسم الخادم أو عنوانه، مثلًا ⁦db.office.lan⁩.</translation>
    </message>
    <message>
        <source>enter only the server&apos;s name or address, without a user, path or options.</source>
        <translation>أدخل اسم الخادم أو عنوانه فقط، دون مستخدم أو مسار أو خيارات.</translation>
    </message>
    <message>
        <source>must be a number from 1 to 65535 (PostgreSQL listens on 5432).</source>
        <translation>يجب أن يكون رقمًا من 1 إلى 65535 (يستمع ⁦PostgreSQL⁩ على 5432).</translation>
    </message>
    <message>
        <source>enter the name of the database, e.g. fatora_backoffice.</source>
        <translation>أدخل اسم قاعدة البيانات، مثلًا ⁦fatora_backoffice⁩.</translation>
    </message>
    <message>
        <source>must be empty, disable, require or verify-full.</source>
        <translation>يجب أن يكون فارغًا أو ⁦disable⁩ أو ⁦require⁩ أو ⁦verify-full⁩.</translation>
    </message>
</context>
<context>
    <name>fatora::DeskStatusBar</name>
    <message>
        <source>No calls in flight</source>
        <translation>لا توجد طلبات جارية</translation>
    </message>
    <message numerus="yes">
        <source>Calls in flight: %n</source>
        <translation>
            <numerusform>الطلبات الجارية: %n</numerusform>
            <numerusform>الطلبات الجارية: %n</numerusform>
            <numerusform>الطلبات الجارية: %n</numerusform>
            <numerusform>الطلبات الجارية: %n</numerusform>
            <numerusform>الطلبات الجارية: %n</numerusform>
            <numerusform>الطلبات الجارية: %n</numerusform>
        </translation>
    </message>
    <message>
        <source>SANDBOX</source>
        <translation>تجريبي</translation>
    </message>
    <message>
        <source>LIVE</source>
        <translation>مباشر</translation>
    </message>
    <message>
        <source>Sandbox: the local simulator answers; no real money moves.</source>
        <translation>بيئة تجريبية: يجيب المحاكي المحلي؛ لا تُنقل أموال حقيقية.</translation>
    </message>
    <message>
        <source>Live: charges move real money through %1.</source>
        <translation>مباشر: عمليات التحصيل تنقل أموالًا حقيقية عبر %1.</translation>
    </message>
    <message>
        <source>API key: this run only</source>
        <translation>مفتاح API: لهذه الجلسة فقط</translation>
    </message>
    <message>
        <source>Last problem: %1</source>
        <translation>آخر مشكلة: %1</translation>
    </message>
    <message>
        <source>%1 (at %2)</source>
        <translation>%1 (في %2)</translation>
    </message>
    <message>
        <source>%1 · Results to read: %2</source>
        <translation>%1 · نتائج للاطلاع: %2</translation>
    </message>
    <message>
        <source>Show the results of calls whose window was closed, and every unknown or declined outcome.</source>
        <translation>عرض نتائج الطلبات التي أُغلقت نافذتها، وكل نتيجة غير معروفة أو مرفوضة.</translation>
    </message>
    <message>
        <source>Shared database unreachable</source>
        <translation>تعذّر الوصول إلى قاعدة البيانات المشتركة</translation>
    </message>
    <message>
        <source>%1
Nothing that moves money can start until it is back; the desk connects again by itself, and answers that arrived meanwhile are kept and saved then.</source>
        <translation>%1
لا يبدأ أي إجراء يحرّك المال حتى تعود؛ يعيد المكتب الاتصال من تلقاء نفسه، والردود التي وصلت في أثناء ذلك محفوظة وتُسجَّل حينها.</translation>
    </message>
    <message numerus="yes">
        <source>Desks connected: %n</source>
        <translation>
            <numerusform>المكاتب المتصلة: %n</numerusform>
            <numerusform>المكاتب المتصلة: %n</numerusform>
            <numerusform>المكاتب المتصلة: %n</numerusform>
            <numerusform>المكاتب المتصلة: %n</numerusform>
            <numerusform>المكاتب المتصلة: %n</numerusform>
            <numerusform>المكاتب المتصلة: %n</numerusform>
        </translation>
    </message>
    <message>
        <source>Working on this database now (a command-line run counts while it runs):</source>
        <translation>يعمل على قاعدة البيانات هذه الآن (يُحسب تشغيل سطر الأوامر ما دام يعمل):</translation>
    </message>
    <message>
        <source>unnamed computer</source>
        <translation>حاسوب بلا اسم</translation>
    </message>
    <message>
        <source>nobody named</source>
        <translation>لم يُسمَّ أحد</translation>
    </message>
    <message>
        <source>%1 · %2 · since %3</source>
        <translation>%1 · %2 · منذ %3</translation>
    </message>
    <message>
        <source>%1 (this desk)</source>
        <translation>%1 (هذا المكتب)</translation>
    </message>
    <message>
        <source>%1 · every right</source>
        <translation>%1 · كل الصلاحيات</translation>
    </message>
    <message>
        <source>A database file keeps no staff accounts: everyone at this computer works as %1, with every right. A shared database gives each person their own login and role.</source>
        <translation>لا يحفظ ملف قاعدة البيانات حسابات للموظفين: يعمل كل من يستخدم هذا الحاسوب بصفة %1 بكل الصلاحيات. تمنح قاعدة البيانات المشتركة كل شخص اسم دخول ودورًا خاصين به.</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Signed in to the shared database as %1, a %2. What the role does not include is greyed out and says which role it needs; the database refuses it too.</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>%1 · no role</source>
        <translation>%1 · بلا دور</translation>
    </message>
    <message>
        <source>%1 is not staff of this database: ask an administrator to add them.</source>
        <translation>%1 ليس من موظفي قاعدة البيانات هذه: اطلب من مدير النظام إضافته.</translation>
    </message>
</context>
<context>
    <name>fatora::FieldLimits</name>
    <message>
        <source>is %1 characters long; at most %2 are allowed. Check that only this field was pasted.</source>
        <translation>طوله %1 حرفًا؛ والحد الأقصى المسموح %2. تأكّد من أنك لصقت هذا الحقل وحده.</translation>
    </message>
    <message>
        <source>must fit on one line: remove the line break or tab.</source>
        <translation>يجب أن يكون في سطر واحد: احذف فاصل الأسطر أو علامة الجدولة.</translation>
    </message>
    <message>
        <source>contains an invisible control character (U+%1) at position %2: type it again rather than pasting it.</source>
        <translation>يحتوي على حرف تحكم غير مرئي (U+%1) في الموضع %2: اكتبه من جديد بدلًا من لصقه.</translation>
    </message>
</context>
<context>
    <name>fatora::GatewayClient</name>
    <message>
        <source>The card token is empty.</source>
        <translation>رمز البطاقة فارغ.</translation>
    </message>
    <message>
        <source>The order id is empty.</source>
        <translation>رقم الطلب فارغ.</translation>
    </message>
    <message>
        <source>The amount must be a positive amount in a known currency, or left out.</source>
        <translation>يجب أن يكون المبلغ موجبًا وبعملة معروفة، أو أن يُترك.</translation>
    </message>
    <message>
        <source>The transaction id is empty: only a payment with a transaction id can be refunded.</source>
        <translation>رقم العملية فارغ: لا يمكن استرداد إلا دفعة لها رقم عملية.</translation>
    </message>
    <message>
        <source>No network access is available to this client.</source>
        <translation>لا يتوفر وصول إلى الشبكة لهذا العميل.</translation>
    </message>
    <message>
        <source>no complete answer within %1 ms</source>
        <translation>لم يصل رد كامل خلال %1 ملّي ثانية</translation>
    </message>
    <message>
        <source>the connection closed before any answer; the request was deliberately not sent a second time</source>
        <translation>أُغلق الاتصال قبل أي رد؛ ولم يُرسل الطلب مرة ثانية عمدًا</translation>
    </message>
    <message>
        <source>the network connection was shut down</source>
        <translation>أُوقف اتصال الشبكة</translation>
    </message>
    <message>
        <source>the payment may have been taken: verify it before charging again.</source>
        <extracomment>Completes another message after &quot;; &quot;, hence the lower-case start.</extracomment>
        <translation>ربما حُصّلت الدفعة: تحقّق منها قبل التحصيل مرة أخرى.</translation>
    </message>
    <message>
        <source>the refund may have been made: verify the payment before trying again.</source>
        <extracomment>Completes another message after &quot;; &quot;, hence the lower-case start.</extracomment>
        <translation>ربما تمّ الاسترداد: تحقّق من الدفعة قبل المحاولة مرة أخرى.</translation>
    </message>
    <message>
        <source>the token may already be deactivated: it is safe to try again.</source>
        <extracomment>Completes another message after &quot;; &quot;, hence the lower-case start.</extracomment>
        <translation>ربما عُطّل الرمز بالفعل: إعادة المحاولة آمنة.</translation>
    </message>
    <message>
        <source>nothing changed: try verifying again later.</source>
        <extracomment>Completes another message after &quot;; &quot;, hence the lower-case start.</extracomment>
        <translation>لم يتغيّر شيء: حاول التحقّق مرة أخرى لاحقًا.</translation>
    </message>
    <message>
        <source>the reply gave no details.</source>
        <translation>لم يتضمن الرد أي تفاصيل.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>لا شيء</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(فارغ)</translation>
    </message>
    <message>
        <source>the reply was empty</source>
        <translation>كان الرد فارغًا</translation>
    </message>
    <message>
        <source>the reply was an HTML page, not JSON</source>
        <translation>كان الرد صفحة HTML وليس JSON</translation>
    </message>
    <message>
        <source>the reply was not valid JSON (%1 at byte %2)</source>
        <translation>لم يكن الرد JSON صالحًا (%1 عند البايت %2)</translation>
    </message>
    <message>
        <source>the reply was JSON but not an object</source>
        <translation>كان الرد JSON لكنه ليس كائنًا</translation>
    </message>
    <message>
        <source>The gateway&apos;s reply (HTTP %1) could not be read: %2; %3</source>
        <translation>تعذّرت قراءة رد البوابة (HTTP %1): %2؛ %3</translation>
    </message>
    <message>
        <source>The gateway answered with an unexpected HTTP %1; %2</source>
        <translation>أجابت البوابة برمز HTTP غير متوقع %1؛ %2</translation>
    </message>
    <message>
        <source>The gateway refused to deactivate the token: %1</source>
        <translation>رفضت البوابة تعطيل الرمز: %1</translation>
    </message>
    <message>
        <source>The gateway&apos;s reply (HTTP %1) does not confirm the deactivation (status %2, result %3); %4</source>
        <translation>رد البوابة (HTTP %1) لا يؤكد التعطيل (الحالة %2، النتيجة %3)؛ %4</translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation>لم يُرسل: %1</translation>
    </message>
    <message>
        <source>The gateway&apos;s reply was larger than %1 KiB and was cut off; %2</source>
        <translation>كان رد البوابة أكبر من %1 كيلوبايت فقُطع؛ %2</translation>
    </message>
    <message>
        <source>The gateway could not be reached (%1); nothing was sent, it is safe to try again.</source>
        <translation>تعذّر الوصول إلى البوابة (%1)؛ لم يُرسل شيء، وإعادة المحاولة آمنة.</translation>
    </message>
    <message>
        <source>No reliable answer from the gateway (%1); %2</source>
        <translation>لا يوجد رد موثوق من البوابة (%1)؛ %2</translation>
    </message>
    <message>
        <source>The gateway&apos;s reply had no HTTP status; %1</source>
        <translation>لم يتضمن رد البوابة حالة HTTP؛ %1</translation>
    </message>
    <message>
        <source>The API key was refused (401): check the key in Settings.</source>
        <translation>رُفض مفتاح API (401): تحقّق من المفتاح في الإعدادات.</translation>
    </message>
    <message>
        <source>The API key is inactive (403): activate it in the Fatora dashboard or enter an active key in Settings.</source>
        <translation>مفتاح API غير مفعّل (403): فعّله من لوحة تحكم ⁦Fatora⁩ أو أدخل مفتاحًا مفعّلًا في الإعدادات.</translation>
    </message>
    <message>
        <source>The gateway refused the request (HTTP %1 %2): %3</source>
        <translation>رفضت البوابة الطلب (HTTP %1 %2): %3</translation>
    </message>
    <message>
        <source>%1 The gateway said: %2</source>
        <extracomment>%1 is the message about the API key, %2 the gateway&apos;s own words (not translated).</extracomment>
        <translation>%1 قالت البوابة: %2</translation>
    </message>
    <message>
        <source>The gateway reported a server error (HTTP %1); %2</source>
        <translation>أبلغت البوابة عن خطأ في الخادم (HTTP %1)؛ %2</translation>
    </message>
    <message>
        <source>The gateway answered with a redirect (HTTP %1), which is not followed; check the gateway address in Settings. Meanwhile %2</source>
        <translation>أجابت البوابة بإعادة توجيه (HTTP %1) لا تُتّبع؛ تحقّق من عنوان البوابة في الإعدادات. وفي الأثناء %2</translation>
    </message>
    <message>
        <source>The payment was declined; the gateway gave no reason.</source>
        <translation>رُفضت الدفعة؛ ولم تذكر البوابة سببًا.</translation>
    </message>
    <message>
        <source>The gateway confirmed the verify call but sent no result; %1</source>
        <translation>أكدت البوابة طلب التحقّق لكنها لم ترسل نتيجة؛ %1</translation>
    </message>
    <message>
        <source>The gateway could not verify the payment: %1</source>
        <translation>تعذّر على البوابة التحقّق من الدفعة: %1</translation>
    </message>
    <message>
        <source>The gateway refused the refund: %1</source>
        <translation>رفضت البوابة الاسترداد: %1</translation>
    </message>
    <message>
        <source>The gateway&apos;s reply (HTTP %1) has no recognisable status (%2); %3</source>
        <translation>رد البوابة (HTTP %1) لا يحمل حالة معروفة (%2)؛ %3</translation>
    </message>
    <message>
        <source>The gateway address is empty: enter e.g. https://api.fatora.io.</source>
        <translation>عنوان البوابة فارغ: أدخل مثلًا https://api.fatora.io.</translation>
    </message>
    <message>
        <source>The gateway address is not a valid URL: %1</source>
        <translation>عنوان البوابة ليس عنوان URL صالحًا: %1</translation>
    </message>
    <message>
        <source>The gateway address must be absolute, e.g. https://api.fatora.io.</source>
        <translation>يجب أن يكون عنوان البوابة كاملًا، مثل https://api.fatora.io.</translation>
    </message>
    <message>
        <source>The gateway address must start with https:// (got &quot;%1:&quot;).</source>
        <translation>يجب أن يبدأ عنوان البوابة بـ https:// (وصل &quot;%1:&quot;).</translation>
    </message>
    <message>
        <source>Plain http:// is only allowed to this computer (127.0.0.1, ::1, localhost); use https:// for %1.</source>
        <translation>لا يُسمح بـ http:// العادي إلا لهذا الحاسوب (127.0.0.1، ::1، localhost)؛ استخدم https:// لـ %1.</translation>
    </message>
    <message>
        <source>The gateway address must not contain a user name or password.</source>
        <translation>يجب ألا يحتوي عنوان البوابة على اسم مستخدم أو كلمة مرور.</translation>
    </message>
    <message>
        <source>The gateway address must not contain a query (?...) or fragment (#...).</source>
        <translation>يجب ألا يحتوي عنوان البوابة على استعلام (?...) أو جزء (#...).</translation>
    </message>
    <message>
        <source>The API key is missing: paste the key from the Fatora dashboard in Settings.</source>
        <translation>مفتاح API مفقود: الصق المفتاح من لوحة تحكم ⁦Fatora⁩ في الإعدادات.</translation>
    </message>
    <message>
        <source>The API key contains a space, line break or other invisible character: paste it again without it.</source>
        <translation>يحتوي مفتاح API على مسافة أو فاصل أسطر أو حرف غير مرئي آخر: الصقه مرة أخرى من دونه.</translation>
    </message>
    <message>
        <source>The API key contains a character that is not plain ASCII: paste it again.</source>
        <translation>يحتوي مفتاح API على حرف ليس من ASCII العادي: الصقه مرة أخرى.</translation>
    </message>
    <message>
        <source>The timeout must be between 1 and 300 seconds (got %1 ms).</source>
        <translation>يجب أن تكون مهلة الانتظار بين 1 و300 ثانية (وصل %1 ملّي ثانية).</translation>
    </message>
    <message>
        <source>a chunked reply ended before any content (its chunk sizes may be malformed)</source>
        <translation>انتهى رد مجزّأ (chunked) قبل أي محتوى (ربما كانت أحجام أجزائه غير صحيحة)</translation>
    </message>
    <message>
        <source>The gateway&apos;s reply (HTTP %1) was cut off or malformed: %2; %3</source>
        <translation>رد البوابة (HTTP %1) مقطوع أو غير سليم: %2؛ %3</translation>
    </message>
    <message>
        <source>The gateway&apos;s transaction id was not kept: it was longer than %1 characters or held control or text-direction characters.</source>
        <translation>لم يُحتفظ برقم العملية الوارد من البوابة: كان أطول من %1 حرفًا أو احتوى على أحرف تحكم أو أحرف اتجاه النص.</translation>
    </message>
    <message>
        <source>The gateway&apos;s order id was not kept: it was longer than %1 characters or held control or text-direction characters.</source>
        <translation>لم يُحتفظ برقم الطلب الوارد من البوابة: كان أطول من %1 حرفًا أو احتوى على أحرف تحكم أو أحرف اتجاه النص.</translation>
    </message>
    <message>
        <source>The gateway&apos;s reply (HTTP %1) is ambiguous: the reply gives %2 twice, with possibly different values; %3</source>
        <translation>رد البوابة (HTTP %1) ملتبس: يذكر الرد %2 مرتين، وربما بقيم مختلفة؛ %3</translation>
    </message>
    <message>
        <source>The gateway&apos;s reply (HTTP %1) is about order %2, not %3; %4</source>
        <translation>رد البوابة (HTTP %1) يخص الطلب %2، وليس %3؛ %4</translation>
    </message>
    <message>
        <source>it ends too soon</source>
        <translation>ينتهي قبل أوانه</translation>
    </message>
    <message>
        <source>an unexpected character</source>
        <translation>حرف غير متوقع</translation>
    </message>
    <message>
        <source>an escape that JSON does not have</source>
        <translation>تسلسل هروب لا يعرفه JSON</translation>
    </message>
    <message>
        <source>a control character inside a string</source>
        <translation>حرف تحكم داخل نص</translation>
    </message>
    <message>
        <source>a malformed number</source>
        <translation>رقم بصيغة خاطئة</translation>
    </message>
    <message>
        <source>text that is not UTF-8</source>
        <translation>نص ليس بترميز UTF-8</translation>
    </message>
    <message>
        <source>more after the end of the JSON value</source>
        <translation>بيانات زائدة بعد نهاية قيمة JSON</translation>
    </message>
    <message>
        <source>a byte-order mark inside a string</source>
        <translation>علامة ترتيب بايتات داخل نص</translation>
    </message>
    <message>
        <source>The verify call got HTTP 404 without the gateway&apos;s JSON reply (%1): something other than Fatora answered; check the gateway address in Settings. Nothing was learned about the order.</source>
        <translation>تلقّى طلب التحقّق الرمز HTTP 404 دون رد JSON من البوابة (%1): أجاب شيء غير ⁦Fatora⁩؛ راجع عنوان البوابة في الإعدادات. لم يُعرف شيء عن الطلب.</translation>
    </message>
    <message>
        <source>a JSON object without &quot;status&quot;: &quot;FAILURE&quot;</source>
        <translation>كائن JSON بلا &quot;status&quot;: &quot;FAILURE&quot;</translation>
    </message>
    <message>
        <source>The link contains the API key.</source>
        <translation>يحتوي الرابط على مفتاح ⁦API⁩.</translation>
    </message>
    <message>
        <source>The gateway&apos;s checkout link cannot be given to a customer: %1 Nothing was handed out; send a new request, and tell Fatora if it happens again.</source>
        <translation>لا يمكن إعطاء رابط الدفع من البوابة لعميل: %1 لم يُسلَّم شيء؛ أرسل طلبًا جديدًا، وأبلغ ⁦Fatora⁩ إن تكرر ذلك.</translation>
    </message>
    <message>
        <source>The amount must be a positive amount in a known currency.</source>
        <translation>يجب أن يكون المبلغ موجبًا بعملة معروفة.</translation>
    </message>
    <message>
        <source>The page language must be &quot;en&quot; or &quot;ar&quot;.</source>
        <translation>يجب أن تكون لغة الصفحة ⁦en⁩ أو ⁦ar⁩.</translation>
    </message>
    <message>
        <source>no checkout link was received, so nobody can pay on it: check the card request later, or send a new one.</source>
        <extracomment>Completes another message after &quot;; &quot;, hence the lower-case start.</extracomment>
        <translation>لم يصل رابط دفع، فلا يمكن لأحد الدفع عليه: تحقق من طلب البطاقة لاحقًا، أو أرسل طلبًا جديدًا.</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>مفقودة</translation>
    </message>
    <message>
        <source>The gateway refused the checkout: %1</source>
        <translation>رفضت البوابة طلب الدفع: %1</translation>
    </message>
    <message>
        <source>The link is empty.</source>
        <translation>الرابط فارغ.</translation>
    </message>
    <message>
        <source>The link is longer than %1 characters.</source>
        <translation>الرابط أطول من %1 محرفًا.</translation>
    </message>
    <message>
        <source>The link must not carry a user name or password.</source>
        <translation>يجب ألا يحمل الرابط اسم مستخدم أو كلمة مرور.</translation>
    </message>
    <message>
        <source>A plain http:// link to this computer is only accepted from the sandbox gateway; use https://.</source>
        <translation>لا يُقبل رابط ⁦http://⁩ عادي إلى هذا الحاسوب إلا من بوابة التجربة؛ استخدم ⁦https://⁩.</translation>
    </message>
    <message>
        <source>The link holds spaces, control, invisible or text-direction characters.</source>
        <translation>يحتوي الرابط على مسافات أو محارف تحكم أو محارف غير مرئية أو محارف اتجاه النص.</translation>
    </message>
    <message>
        <source>The link is not a complete web address (https://…).</source>
        <translation>الرابط ليس عنوان ويب كاملًا (⁦https://…⁩).</translation>
    </message>
    <message>
        <source>The link must start with https://.</source>
        <translation>يجب أن يبدأ الرابط بـ ⁦https://⁩.</translation>
    </message>
    <message>
        <source>The gateway accepted the checkout but its reply holds no checkout link (the link it gave: %1); nobody can pay on it.</source>
        <translation>قبلت البوابة طلب الدفع لكن ردها لا يحوي رابط دفع (الرابط الذي أعطته: %1)؛ فلا يمكن لأحد الدفع عليه.</translation>
    </message>
</context>
<context>
    <name>fatora::GatewayReason</name>
    <message>
        <source>Insufficient funds on the card.</source>
        <translation>الرصيد في البطاقة غير كافٍ.</translation>
    </message>
    <message>
        <source>Blocked by the bank&apos;s or Fatora&apos;s fraud checks.</source>
        <translation>حُظرت العملية بفعل فحوص مكافحة الاحتيال لدى البنك أو لدى ⁦Fatora⁩.</translation>
    </message>
    <message>
        <source>The card has expired.</source>
        <translation>انتهت صلاحية البطاقة.</translation>
    </message>
    <message>
        <source>This saved card can no longer be charged (expired or cancelled).</source>
        <translation>لم يعد ممكنًا التحصيل من هذه البطاقة المحفوظة (منتهية الصلاحية أو ملغاة).</translation>
    </message>
    <message>
        <source>The customer&apos;s bank declined the card and asks the customer to contact it.</source>
        <translation>رفض بنك العميل البطاقة ويطلب من العميل التواصل معه.</translation>
    </message>
    <message>
        <source>The amount is over the card&apos;s limit.</source>
        <translation>المبلغ يتجاوز حدّ البطاقة.</translation>
    </message>
    <message>
        <source>The bank declined the card.</source>
        <translation>رفض البنك البطاقة.</translation>
    </message>
    <message>
        <source>Fatora did not accept the merchant&apos;s API key.</source>
        <translation>لم تقبل ⁦Fatora⁩ مفتاح API الخاص بالتاجر.</translation>
    </message>
    <message>
        <source>The merchant&apos;s API key is switched off in the Fatora dashboard.</source>
        <translation>مفتاح API الخاص بالتاجر معطّل في لوحة تحكم ⁦Fatora⁩.</translation>
    </message>
    <message>
        <source>Fatora refused the request before processing it.</source>
        <translation>رفضت ⁦Fatora⁩ الطلب قبل معالجته.</translation>
    </message>
    <message>
        <source>Ask the customer for another card or a smaller amount.</source>
        <translation>اطلب من العميل بطاقة أخرى أو مبلغًا أصغر.</translation>
    </message>
    <message>
        <source>Ask the customer to contact their bank or to pay with another card.</source>
        <translation>اطلب من العميل التواصل مع بنكه أو الدفع ببطاقة أخرى.</translation>
    </message>
    <message>
        <source>The customer must pay once more online to save the card again.</source>
        <translation>يجب أن يدفع العميل مرة أخرى عبر الإنترنت لحفظ البطاقة من جديد.</translation>
    </message>
    <message>
        <source>Check the API key in Settings.</source>
        <translation>تحقّق من مفتاح API في الإعدادات.</translation>
    </message>
    <message>
        <source>Check the amount and the card, then try again.</source>
        <translation>تحقّق من المبلغ والبطاقة، ثم حاول مرة أخرى.</translation>
    </message>
    <message>
        <source>%1 — Fatora said: “%2”</source>
        <translation>%1 — قالت ⁦Fatora⁩: «%2»</translation>
    </message>
    <message>
        <source>The request did not reach Fatora, so nothing was charged.</source>
        <translation>لم يصل الطلب إلى ⁦Fatora⁩، لذلك لم يُحصَّل أي مبلغ.</translation>
    </message>
    <message>
        <source>Fatora&apos;s answer did not arrive, so nobody can tell yet whether the money moved.</source>
        <translation>لم يصل رد ⁦Fatora⁩، لذلك لا يمكن لأحد أن يعرف بعد هل نُقلت الأموال أم لا.</translation>
    </message>
    <message>
        <source>Fatora had a problem on its side while handling this, so nobody can tell yet whether the money moved.</source>
        <translation>واجهت ⁦Fatora⁩ مشكلة من جهتها أثناء معالجة الطلب، لذلك لا يمكن لأحد أن يعرف بعد هل نُقلت الأموال أم لا.</translation>
    </message>
    <message>
        <source>Fatora&apos;s answer could not be read, so nobody can tell yet whether the money moved.</source>
        <translation>تعذّرت قراءة رد ⁦Fatora⁩، لذلك لا يمكن لأحد أن يعرف بعد هل نُقلت الأموال أم لا.</translation>
    </message>
    <message>
        <source>It is safe to try again.</source>
        <translation>إعادة المحاولة آمنة.</translation>
    </message>
    <message>
        <source>Verify it before charging again.</source>
        <translation>تحقّق منها قبل التحصيل مرة أخرى.</translation>
    </message>
    <message>
        <source>%1 — technical detail: “%2”</source>
        <translation>%1 — التفاصيل التقنية: «%2»</translation>
    </message>
</context>
<context>
    <name>fatora::HelpWindow</name>
    <message>
        <source>User guide</source>
        <translation>دليل المستخدم</translation>
    </message>
    <message>
        <source>The user guide could not be read (%1).</source>
        <translation>تعذّرت قراءة دليل المستخدم (%1).</translation>
    </message>
</context>
<context>
    <name>fatora::HistoryPanel</name>
    <message>
        <source>All customers</source>
        <translation>كل العملاء</translation>
    </message>
    <message>
        <source>All</source>
        <translation>الكل</translation>
    </message>
    <message>
        <source>Type a name, email, phone or reference</source>
        <translation>اكتب اسمًا أو بريدًا إلكترونيًا أو هاتفًا أو مرجعًا</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>الكل</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>مستردة</translation>
    </message>
    <message>
        <source>Refund in progress or unknown</source>
        <translation>الاسترداد جارٍ أو غير معروف</translation>
    </message>
    <message>
        <source>Not refunded</source>
        <translation>غير مستردة</translation>
    </message>
    <message>
        <source>Totals not available: %1</source>
        <translation>الإجماليات غير متاحة: %1</translation>
    </message>
    <message>
        <source>Payments: %1</source>
        <translation>الدفعات: %1</translation>
    </message>
    <message>
        <source>approved %1 in %2</source>
        <translation>المقبولة: %1 (العدد: %2)</translation>
    </message>
    <message>
        <source>(%1 counted at the expected first-payment amount)</source>
        <translation>(%1 منها محسوبة بمبلغ الدفعة الأولى المتوقَّع)</translation>
    </message>
    <message>
        <source>(%1 without a known amount, not in the sum)</source>
        <translation>(%1 منها بلا مبلغ معروف، غير داخلة في المجموع)</translation>
    </message>
    <message>
        <source>refunded %1</source>
        <translation>المستردة: %1</translation>
    </message>
    <message>
        <source>net %1</source>
        <translation>الصافي: %1</translation>
    </message>
    <message>
        <source>outcome unknown %1 in %2: verify</source>
        <translation>غير معروفة النتيجة: %1 (العدد: %2)؛ تحقّق منها</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <extracomment>%1 is a currency code, %2 the figures of that currency.</extracomment>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>card requests waiting for the customer %1 in %2</source>
        <translation>طلبات بطاقات بانتظار العميل: %1 (العدد: %2)</translation>
    </message>
</context>
<context>
    <name>fatora::ImportDialog</name>
    <message>
        <source>%1 cannot be imported: %2</source>
        <translation>لا يمكن استيراد %1: %2</translation>
    </message>
    <message>
        <source>Nothing was imported: %1</source>
        <translation>لم يُستورد أي شيء: %1</translation>
    </message>
    <message>
        <source>Imported: %1.</source>
        <translation>تم الاستيراد: %1.</translation>
    </message>
    <message>
        <source>, </source>
        <translation>، </translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>إ&amp;غلاق</translation>
    </message>
    <message numerus="yes">
        <source>%1: rows ready to import: %n.</source>
        <translation>
            <numerusform>%1: الصفوف الجاهزة للاستيراد: %n.</numerusform>
            <numerusform>%1: الصفوف الجاهزة للاستيراد: %n.</numerusform>
            <numerusform>%1: الصفوف الجاهزة للاستيراد: %n.</numerusform>
            <numerusform>%1: الصفوف الجاهزة للاستيراد: %n.</numerusform>
            <numerusform>%1: الصفوف الجاهزة للاستيراد: %n.</numerusform>
            <numerusform>%1: الصفوف الجاهزة للاستيراد: %n.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: rows ready to import: %2; rows with problems (listed below, skipped): %3.</source>
        <translation>%1: الصفوف الجاهزة للاستيراد: %2؛ الصفوف التي فيها مشكلات (مذكورة أدناه، وستُتجاوز): %3.</translation>
    </message>
    <message numerus="yes">
        <source>&amp;Import valid rows (%n)</source>
        <translation>
            <numerusform>ا&amp;ستيراد الصفوف السليمة (%n)</numerusform>
            <numerusform>ا&amp;ستيراد الصفوف السليمة (%n)</numerusform>
            <numerusform>ا&amp;ستيراد الصفوف السليمة (%n)</numerusform>
            <numerusform>ا&amp;ستيراد الصفوف السليمة (%n)</numerusform>
            <numerusform>ا&amp;ستيراد الصفوف السليمة (%n)</numerusform>
            <numerusform>ا&amp;ستيراد الصفوف السليمة (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>customers added: %n</source>
        <translation>
            <numerusform>العملاء المضافون: %n</numerusform>
            <numerusform>العملاء المضافون: %n</numerusform>
            <numerusform>العملاء المضافون: %n</numerusform>
            <numerusform>العملاء المضافون: %n</numerusform>
            <numerusform>العملاء المضافون: %n</numerusform>
            <numerusform>العملاء المضافون: %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>customers already known: %n</source>
        <translation>
            <numerusform>العملاء الموجودون مسبقًا: %n</numerusform>
            <numerusform>العملاء الموجودون مسبقًا: %n</numerusform>
            <numerusform>العملاء الموجودون مسبقًا: %n</numerusform>
            <numerusform>العملاء الموجودون مسبقًا: %n</numerusform>
            <numerusform>العملاء الموجودون مسبقًا: %n</numerusform>
            <numerusform>العملاء الموجودون مسبقًا: %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>cards added: %n</source>
        <translation>
            <numerusform>البطاقات المضافة: %n</numerusform>
            <numerusform>البطاقات المضافة: %n</numerusform>
            <numerusform>البطاقات المضافة: %n</numerusform>
            <numerusform>البطاقات المضافة: %n</numerusform>
            <numerusform>البطاقات المضافة: %n</numerusform>
            <numerusform>البطاقات المضافة: %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>cards already saved: %n</source>
        <translation>
            <numerusform>البطاقات المحفوظة مسبقًا: %n</numerusform>
            <numerusform>البطاقات المحفوظة مسبقًا: %n</numerusform>
            <numerusform>البطاقات المحفوظة مسبقًا: %n</numerusform>
            <numerusform>البطاقات المحفوظة مسبقًا: %n</numerusform>
            <numerusform>البطاقات المحفوظة مسبقًا: %n</numerusform>
            <numerusform>البطاقات المحفوظة مسبقًا: %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>rows skipped: %n</source>
        <translation>
            <numerusform>الصفوف المتجاوزة: %n</numerusform>
            <numerusform>الصفوف المتجاوزة: %n</numerusform>
            <numerusform>الصفوف المتجاوزة: %n</numerusform>
            <numerusform>الصفوف المتجاوزة: %n</numerusform>
            <numerusform>الصفوف المتجاوزة: %n</numerusform>
            <numerusform>الصفوف المتجاوزة: %n</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fatora::ImportPreviewModel</name>
    <message>
        <source>OK</source>
        <translation>سليم</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>السطر</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>البريد الإلكتروني</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>الهاتف</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>المرجع</translation>
    </message>
    <message>
        <source>Card token</source>
        <translation>رمز البطاقة</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>التسمية</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>الإصدار</translation>
    </message>
    <message>
        <source>First payment</source>
        <translation>الدفعة الأولى</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>المشكلات</translation>
    </message>
</context>
<context>
    <name>fatora::KeychainSecretStore</name>
    <message>
        <source>no system keychain is available (%1)</source>
        <translation>لا تتوفر سلسلة مفاتيح للنظام (%1)</translation>
    </message>
    <message>
        <source>the system keychain refused access (%1)</source>
        <translation>رفضت سلسلة مفاتيح النظام الوصول (%1)</translation>
    </message>
    <message>
        <source>the system keychain failed (%1)</source>
        <translation>فشلت سلسلة مفاتيح النظام (%1)</translation>
    </message>
</context>
<context>
    <name>fatora::MainWindow</name>
    <message>
        <source>Customers</source>
        <translation>العملاء</translation>
    </message>
    <message>
        <source>Transaction history</source>
        <translation>سجل العمليات</translation>
    </message>
    <message>
        <source>Fatora Back Office — Sandbox</source>
        <translation>المكتب الخلفي لـ ⁦Fatora⁩ — بيئة تجريبية</translation>
    </message>
    <message>
        <source>Fatora Back Office</source>
        <translation>المكتب الخلفي لـ ⁦Fatora⁩</translation>
    </message>
    <message>
        <source>Select a saved card of a customer first.</source>
        <translation>اختر بطاقة محفوظة لعميل أولًا.</translation>
    </message>
    <message>
        <source>The desk is closing once the calls in flight are finished.</source>
        <translation>سيُغلق المكتب فور انتهاء الطلبات الجارية.</translation>
    </message>
    <message>
        <source>Charge %1 (review before anything is sent).</source>
        <translation>تحصيل من %1 (مراجعة قبل إرسال أي شيء).</translation>
    </message>
    <message>
        <source>Select a customer first.</source>
        <translation>اختر عميلًا أولًا.</translation>
    </message>
    <message>
        <source>Save a pasted card token for this customer.</source>
        <translation>حفظ رمز بطاقة ملصوق لهذا العميل.</translation>
    </message>
    <message>
        <source>This customer is already archived.</source>
        <translation>هذا العميل مؤرشف بالفعل.</translation>
    </message>
    <message>
        <source>Select a payment in the transaction history first.</source>
        <translation>اختر دفعة من سجل العمليات أولًا.</translation>
    </message>
    <message>
        <source>Archive customer</source>
        <translation>أرشفة العميل</translation>
    </message>
    <message>
        <source>Archive %1? The customer disappears from the list; saved cards and history are kept.</source>
        <translation>أرشفة %1؟ سيختفي العميل من القائمة، مع الاحتفاظ بالبطاقات المحفوظة والسجل.</translation>
    </message>
    <message>
        <source>Import CSV</source>
        <translation>استيراد CSV</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>تعذّرت قراءة %1: %2</translation>
    </message>
    <message>
        <source>%1 is larger than 64 MB; split it into smaller files.</source>
        <translation>حجم %1 أكبر من 64 ميغابايت؛ قسّمه إلى ملفات أصغر.</translation>
    </message>
    <message>
        <source>Import customers and tokens</source>
        <translation>استيراد العملاء والبطاقات</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>ملفات CSV (*.csv);;كل الملفات (*)</translation>
    </message>
    <message>
        <source>Export transaction history</source>
        <translation>تصدير سجل العمليات</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>ملفات CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>تصدير CSV</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>اللغة</translation>
    </message>
    <message>
        <source>The Arabic translation could not be loaded.</source>
        <translation>تعذّر تحميل الترجمة العربية.</translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation>حُفظت الإعدادات.</translation>
    </message>
    <message>
        <source>About Fatora Back Office</source>
        <translation>حول المكتب الخلفي لـ ⁦Fatora⁩</translation>
    </message>
    <message>
        <source>&lt;b&gt;Fatora Back Office&lt;/b&gt; %1&lt;br&gt;Charge saved card tokens through the Fatora payment gateway, revoke them and follow every payment.&lt;br&gt;Database: %2</source>
        <translation>&lt;b&gt;المكتب الخلفي لـ ⁦Fatora⁩&lt;/b&gt; %1&lt;br&gt;تحصيل المدفوعات من البطاقات المحفوظة عبر بوابة الدفع ⁦Fatora⁩، وإبطالها، ومتابعة كل دفعة.&lt;br&gt;قاعدة البيانات: %2</translation>
    </message>
    <message>
        <source>Calls in flight</source>
        <translation>طلبات جارية</translation>
    </message>
    <message>
        <source>Close as soon as the results are in?</source>
        <translation>الإغلاق فور وصول النتائج؟</translation>
    </message>
    <message>
        <source>Close when finished</source>
        <translation>أغلق عند الانتهاء</translation>
    </message>
    <message>
        <source>Closing as soon as the calls in flight are finished…</source>
        <translation>سيُغلق البرنامج فور انتهاء الطلبات الجارية…</translation>
    </message>
    <message numerus="yes">
        <source>Payments exported to %1: %n.</source>
        <translation>
            <numerusform>الدفعات المصدّرة إلى %1: %n.</numerusform>
            <numerusform>الدفعات المصدّرة إلى %1: %n.</numerusform>
            <numerusform>الدفعات المصدّرة إلى %1: %n.</numerusform>
            <numerusform>الدفعات المصدّرة إلى %1: %n.</numerusform>
            <numerusform>الدفعات المصدّرة إلى %1: %n.</numerusform>
            <numerusform>الدفعات المصدّرة إلى %1: %n.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Calls to Fatora still in flight: %n. Their results must be recorded before the desk closes.</source>
        <translation>
            <numerusform>الطلبات الجارية إلى ⁦Fatora⁩: %n. يجب تسجيل نتائجها قبل إغلاق المكتب.</numerusform>
            <numerusform>الطلبات الجارية إلى ⁦Fatora⁩: %n. يجب تسجيل نتائجها قبل إغلاق المكتب.</numerusform>
            <numerusform>الطلبات الجارية إلى ⁦Fatora⁩: %n. يجب تسجيل نتائجها قبل إغلاق المكتب.</numerusform>
            <numerusform>الطلبات الجارية إلى ⁦Fatora⁩: %n. يجب تسجيل نتائجها قبل إغلاق المكتب.</numerusform>
            <numerusform>الطلبات الجارية إلى ⁦Fatora⁩: %n. يجب تسجيل نتائجها قبل إغلاق المكتب.</numerusform>
            <numerusform>الطلبات الجارية إلى ⁦Fatora⁩: %n. يجب تسجيل نتائجها قبل إغلاق المكتب.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Charges left in flight by a desk or CLI that stopped: %n. Their outcome is unknown: verify them (Tools → Reconcile pending payments).</source>
        <translation>
            <numerusform>عمليات تحصيل تركها جاريةً مكتبٌ أو سطر أوامر توقّف: %n. نتيجتها غير معروفة: تحقّق منها (أدوات ← مطابقة الدفعات المعلّقة).</numerusform>
            <numerusform>عمليات تحصيل تركها جاريةً مكتبٌ أو سطر أوامر توقّف: %n. نتيجتها غير معروفة: تحقّق منها (أدوات ← مطابقة الدفعات المعلّقة).</numerusform>
            <numerusform>عمليات تحصيل تركها جاريةً مكتبٌ أو سطر أوامر توقّف: %n. نتيجتها غير معروفة: تحقّق منها (أدوات ← مطابقة الدفعات المعلّقة).</numerusform>
            <numerusform>عمليات تحصيل تركها جاريةً مكتبٌ أو سطر أوامر توقّف: %n. نتيجتها غير معروفة: تحقّق منها (أدوات ← مطابقة الدفعات المعلّقة).</numerusform>
            <numerusform>عمليات تحصيل تركها جاريةً مكتبٌ أو سطر أوامر توقّف: %n. نتيجتها غير معروفة: تحقّق منها (أدوات ← مطابقة الدفعات المعلّقة).</numerusform>
            <numerusform>عمليات تحصيل تركها جاريةً مكتبٌ أو سطر أوامر توقّف: %n. نتيجتها غير معروفة: تحقّق منها (أدوات ← مطابقة الدفعات المعلّقة).</numerusform>
        </translation>
    </message>
    <message>
        <source>Refund outcome recorded: refunded.</source>
        <translation>سُجّلت نتيجة الاسترداد: تمّ الاسترداد.</translation>
    </message>
    <message>
        <source>Refund outcome recorded: not refunded. The payment can be refunded again.</source>
        <translation>سُجّلت نتيجة الاسترداد: لم يتمّ الاسترداد. يمكن استرداد الدفعة مرة أخرى.</translation>
    </message>
    <message>
        <source>Closed as not charged; the card can be charged again.</source>
        <translation>أُغلق على أنه لم يُحصَّل؛ يمكن التحصيل من البطاقة مرة أخرى.</translation>
    </message>
    <message>
        <source>&amp;User guide</source>
        <translation>دليل الم&amp;ستخدم</translation>
    </message>
    <message>
        <source>What each outcome means and what to do; how to verify, refund and revoke</source>
        <translation>معنى كل نتيجة وما يجب فعله؛ وكيفية التحقّق والاسترداد وإبطال البطاقة</translation>
    </message>
    <message>
        <source>Card request %1: card %2 saved.</source>
        <translation>طلب البطاقة %1: حُفظت البطاقة %2.</translation>
    </message>
    <message>
        <source>Card requests are not available.</source>
        <translation>طلبات البطاقات غير متاحة.</translation>
    </message>
    <message>
        <source>Only a card request is checked; this payment is a charge.</source>
        <translation>التحقق لطلبات البطاقات فقط؛ هذه الدفعة عملية خصم.</translation>
    </message>
    <message>
        <source>Billing run from a file…</source>
        <translation>حزمة تحصيل من ملف…</translation>
    </message>
    <message>
        <source>Charge selected…</source>
        <translation>تحصيل من العملاء المحددين…</translation>
    </message>
    <message>
        <source>Charge the active card of each selected customer, one amount for all, as a billing run: previewed first.</source>
        <translation>التحصيل من البطاقة النشطة لكل عميل محدد، بمبلغ واحد للجميع، في حزمة تحصيل: تُعرض للمراجعة أولًا.</translation>
    </message>
    <message>
        <source>Open a billing run…</source>
        <translation>فتح حزمة تحصيل…</translation>
    </message>
    <message>
        <source>Resume a paused or interrupted billing run, verify its unknown charges or see its results.</source>
        <translation>استئناف حزمة تحصيل متوقفة مؤقتًا أو منقطعة، أو التحقق من عمليات التحصيل غير المعروفة نتيجتها فيها، أو عرض نتائجها.</translation>
    </message>
    <message>
        <source>No billing run has been saved yet.</source>
        <translation>لم تُحفظ أي حزمة تحصيل بعد.</translation>
    </message>
    <message>
        <source>Open a billing run</source>
        <translation>فتح حزمة تحصيل</translation>
    </message>
    <message>
        <source>Batch number:</source>
        <translation>رقم الحزمة:</translation>
    </message>
    <message>
        <source>Charge selected</source>
        <translation>تحصيل من العملاء المحددين</translation>
    </message>
    <message numerus="yes">
        <source>Amount to charge each of the %n selected customers&apos; card (blank: each card&apos;s first payment):</source>
        <translation>
            <numerusform>المبلغ المراد تحصيله من بطاقة كل واحد من العملاء المحددين (عدد العملاء: %n؛ فارغ: مبلغ الدفعة الأولى لكل بطاقة):</numerusform>
            <numerusform>المبلغ المراد تحصيله من بطاقة العميل المحدد (عدد العملاء: %n؛ فارغ: مبلغ الدفعة الأولى للبطاقة):</numerusform>
            <numerusform>المبلغ المراد تحصيله من بطاقة كلٍّ من العميلين المحددين (عدد العملاء: %n؛ فارغ: مبلغ الدفعة الأولى لكل بطاقة):</numerusform>
            <numerusform>المبلغ المراد تحصيله من بطاقة كل واحد من العملاء المحددين (عدد العملاء: %n؛ فارغ: مبلغ الدفعة الأولى لكل بطاقة):</numerusform>
            <numerusform>المبلغ المراد تحصيله من بطاقة كل واحد من العملاء المحددين (عدد العملاء: %n؛ فارغ: مبلغ الدفعة الأولى لكل بطاقة):</numerusform>
            <numerusform>المبلغ المراد تحصيله من بطاقة كل واحد من العملاء المحددين (عدد العملاء: %n؛ فارغ: مبلغ الدفعة الأولى لكل بطاقة):</numerusform>
        </translation>
    </message>
    <message>
        <source>Billing run in progress</source>
        <translation>حزمة تحصيل قيد التنفيذ</translation>
    </message>
    <message numerus="yes">
        <source>%n billing run(s) still sending charges. Pause them and close the desk?</source>
        <translation>
            <numerusform>حزم التحصيل التي ما زالت ترسل عمليات تحصيل: %n. إيقافها مؤقتًا وإغلاق المكتب؟</numerusform>
            <numerusform>حزم التحصيل التي ما زالت ترسل عمليات تحصيل: %n. إيقافها مؤقتًا وإغلاق المكتب؟</numerusform>
            <numerusform>حزم التحصيل التي ما زالت ترسل عمليات تحصيل: %n. إيقافهما مؤقتًا وإغلاق المكتب؟</numerusform>
            <numerusform>حزم التحصيل التي ما زالت ترسل عمليات تحصيل: %n. إيقافها مؤقتًا وإغلاق المكتب؟</numerusform>
            <numerusform>حزم التحصيل التي ما زالت ترسل عمليات تحصيل: %n. إيقافها مؤقتًا وإغلاق المكتب؟</numerusform>
            <numerusform>حزم التحصيل التي ما زالت ترسل عمليات تحصيل: %n. إيقافها مؤقتًا وإغلاق المكتب؟</numerusform>
        </translation>
    </message>
    <message>
        <source>Charges on their way finish and are recorded before the desk closes. Resume a run later with Open a billing run…</source>
        <translation>تكتمل عمليات التحصيل الجارية وتُسجَّل قبل إغلاق المكتب. استأنف الحزمة لاحقًا عبر «فتح حزمة تحصيل…»</translation>
    </message>
    <message>
        <source>Pause and close</source>
        <translation>إيقاف مؤقت وإغلاق</translation>
    </message>
    <message>
        <source>A billing run could not be paused (see its window); the desk stays open.</source>
        <translation>تعذّر إيقاف حزمة تحصيل مؤقتًا (انظر نافذتها)؛ يبقى المكتب مفتوحًا.</translation>
    </message>
    <message>
        <source>Work done at other desks shows only after Tools → Reload (F5): %1</source>
        <translation>لا يظهر عمل المكاتب الأخرى هنا إلا بعد أدوات ← إعادة التحميل (⁦F5⁩): %1</translation>
    </message>
    <message>
        <source>The customer you had selected is no longer in the list (archived, or changed at another desk): select a customer again.</source>
        <translation>العميل الذي اخترته لم يعد في القائمة (أُرشف، أو عُدّل في مكتب آخر): اختر عميلًا من جديد.</translation>
    </message>
    <message>
        <source>The shared database cannot be reached: this waits until it is back (the desk connects again by itself).</source>
        <translation>تعذّر الوصول إلى قاعدة البيانات المشتركة: ينتظر هذا الإجراء عودتها (يعيد المكتب الاتصال من تلقاء نفسه).</translation>
    </message>
    <message>
        <source>&amp;Activity…</source>
        <translation>ال&amp;نشاط…</translation>
    </message>
    <message>
        <source>Who did what: the audit log by person, action and date, with an export</source>
        <translation>من فعل ماذا: سجل التدقيق حسب الشخص والإجراء والتاريخ، مع إمكانية التصدير</translation>
    </message>
    <message>
        <source>&amp;Staff…</source>
        <translation>ال&amp;موظفون…</translation>
    </message>
    <message>
        <source>Who may sign in, with which role: add people, change a role, disable</source>
        <translation>من يحق له الدخول وبأي دور: إضافة أشخاص، تغيير دور، تعطيل</translation>
    </message>
    <message>
        <source>Refund re&amp;quests…</source>
        <translation>&amp;طلبات الاسترداد…</translation>
    </message>
    <message>
        <source>Refunds above the limit waiting for a second supervisor: approve, deny, change the limit</source>
        <translation>استردادات فوق الحد بانتظار مشرف ثانٍ: موافقة، رفض، تغيير الحد</translation>
    </message>
    <message>
        <source>Refunds are reviewed on a shared database, where a refund above a limit waits for a second supervisor. On a database file one person works with every right.</source>
        <translation>تُراجَع الاستردادات في قاعدة البيانات المشتركة، حيث ينتظر الاسترداد الذي يتجاوز الحد موافقة مشرف ثانٍ. أما في ملف قاعدة البيانات فيعمل شخص واحد بكل الصلاحيات.</translation>
    </message>
    <message>
        <source>The shared database has not answered for %1 seconds.</source>
        <translation>لم تُجب قاعدة البيانات المشتركة منذ %1 ثوانٍ.</translation>
    </message>
    <message>
        <source>Exporting to %1…</source>
        <translation>جارٍ التصدير إلى %1…</translation>
    </message>
</context>
<context>
    <name>fatora::Money</name>
    <message>
        <source>Choose a currency for the amount.</source>
        <translation>اختر عملة للمبلغ.</translation>
    </message>
    <message>
        <source>“%1” is not a currency this application knows; use a three-letter ISO code such as QAR.</source>
        <translation>«%1» ليست عملة يعرفها هذا البرنامج؛ استخدم رمز ISO من ثلاثة أحرف مثل QAR.</translation>
    </message>
    <message>
        <source>Enter an amount.</source>
        <translation>أدخل مبلغًا.</translation>
    </message>
    <message>
        <source>The amount must be positive; to give money back, refund the payment.</source>
        <translation>يجب أن يكون المبلغ موجبًا؛ لإعادة المال استرد الدفعة.</translation>
    </message>
    <message>
        <source>The amount has more than one decimal point.</source>
        <translation>في المبلغ أكثر من فاصلة عشرية واحدة.</translation>
    </message>
    <message>
        <source>The amount may contain only digits and a decimal point; %1 is not allowed.</source>
        <translation>لا يحتوي المبلغ إلا على أرقام وفاصلة عشرية؛ %1 غير مسموح.</translation>
    </message>
    <message>
        <source>The digit grouping of the amount is malformed; write it as 1234.50 or 1,234.50.</source>
        <translation>تجميع أرقام المبلغ غير صحيح؛ اكتبه هكذا 1234.50 أو 1,234.50.</translation>
    </message>
    <message>
        <source>Digits after the decimal point cannot be grouped; write it as 1234.50.</source>
        <translation>لا يمكن تجميع الأرقام بعد الفاصلة العشرية؛ اكتبه هكذا 1234.50.</translation>
    </message>
    <message>
        <source>The amount has no digits.</source>
        <translation>لا يحتوي المبلغ على أرقام.</translation>
    </message>
    <message>
        <source>%1 amounts have no decimal places.</source>
        <translation>مبالغ %1 ليس لها منازل عشرية.</translation>
    </message>
    <message>
        <source>%1 amounts have at most %2 decimal places; “%3” has %4.</source>
        <translation>مبالغ %1 لها %2 منازل عشرية على الأكثر؛ و«%3» فيه %4.</translation>
    </message>
    <message>
        <source>The amount is too large; the most this application accepts is %1.</source>
        <translation>المبلغ كبير جدًا؛ أقصى ما يقبله هذا البرنامج هو %1.</translation>
    </message>
    <message>
        <source>The amount must be more than zero.</source>
        <translation>يجب أن يكون المبلغ أكبر من صفر.</translation>
    </message>
</context>
<context>
    <name>fatora::NoticeList</name>
    <message>
        <source>%1  %2
%3</source>
        <translation>%1  %2
%3</translation>
    </message>
    <message>
        <source>Results to read</source>
        <translation>نتائج للاطلاع</translation>
    </message>
    <message>
        <source>Results of calls to Fatora whose window was closed, and every unknown or declined outcome. Each stays here until you acknowledge it; the history has them all.</source>
        <translation>نتائج الطلبات إلى ⁦Fatora⁩ التي أُغلقت نافذتها، وكل نتيجة غير معروفة أو مرفوضة. تبقى كل نتيجة هنا حتى تؤكد اطلاعك عليها؛ والسجل يحتفظ بها جميعًا.</translation>
    </message>
    <message>
        <source>&amp;Acknowledge</source>
        <translation>تأكيد الا&amp;طلاع</translation>
    </message>
    <message>
        <source>Acknowledge a&amp;ll</source>
        <translation>تأكيد الاطلاع على ال&amp;كل</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>إ&amp;غلاق</translation>
    </message>
</context>
<context>
    <name>fatora::OutcomeNotifier</name>
    <message>
        <source>%1 for %2, order %3</source>
        <translation>%1 لـ %2، الطلب %3</translation>
    </message>
    <message>
        <source>Verified: charge approved</source>
        <translation>تم التحقق: قُبل التحصيل</translation>
    </message>
    <message>
        <source>Charge approved</source>
        <translation>قُبل التحصيل</translation>
    </message>
    <message>
        <source>Transaction %1.</source>
        <translation>العملية %1.</translation>
    </message>
    <message>
        <source>Verified: charge declined</source>
        <translation>تم التحقق: رُفض التحصيل</translation>
    </message>
    <message>
        <source>Charge declined</source>
        <translation>رُفض التحصيل</translation>
    </message>
    <message>
        <source>Charge rejected</source>
        <translation>رُفض التحصيل قبل المعالجة</translation>
    </message>
    <message>
        <source>Verified: never charged</source>
        <translation>تم التحقق: لم يُحصَّل قط</translation>
    </message>
    <message>
        <source>Charge not sent</source>
        <translation>لم يُرسل التحصيل</translation>
    </message>
    <message>
        <source>No money moved.</source>
        <translation>لم تُنقل أي أموال.</translation>
    </message>
    <message>
        <source>Verify: outcome still unknown</source>
        <translation>التحقق: ما زالت النتيجة غير معروفة</translation>
    </message>
    <message>
        <source>Charge outcome unknown</source>
        <translation>نتيجة التحصيل غير معروفة</translation>
    </message>
    <message>
        <source>%1
Verify it (“Verify this charge…” beside the card) before charging this card again.</source>
        <translation>%1
تحقّق منه («تحقّق من هذا التحصيل…» بجانب البطاقة) قبل التحصيل من هذه البطاقة مرة أخرى.</translation>
    </message>
    <message>
        <source>Card revoked</source>
        <translation>أُبطلت البطاقة</translation>
    </message>
    <message>
        <source>Revoke not confirmed</source>
        <translation>لم يُؤكَّد الإبطال</translation>
    </message>
    <message>
        <source>%1&apos;s card %2</source>
        <translation>بطاقة %1 %2</translation>
    </message>
    <message>
        <source>Fatora confirmed: it can never be charged again.</source>
        <translation>أكدت ⁦Fatora⁩: لا يمكن التحصيل منها مرة أخرى أبدًا.</translation>
    </message>
    <message>
        <source>Fatora did not confirm: %1. The card stays revoke pending; retry with “Revoke token…”.</source>
        <translation>لم تؤكد ⁦Fatora⁩: %1. تبقى البطاقة «قيد الإبطال»؛ أعد المحاولة عبر «إبطال البطاقة…».</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>مستردة</translation>
    </message>
    <message>
        <source>Fatora accepted the refund.</source>
        <translation>قبلت ⁦Fatora⁩ الاسترداد.</translation>
    </message>
    <message>
        <source>Refund refused</source>
        <translation>رُفض الاسترداد</translation>
    </message>
    <message>
        <source>Fatora refused the refund: %1. No money moved.</source>
        <translation>رفضت ⁦Fatora⁩ الاسترداد: %1. لم تُنقل أي أموال.</translation>
    </message>
    <message>
        <source>Refund outcome unknown</source>
        <translation>نتيجة الاسترداد غير معروفة</translation>
    </message>
    <message>
        <source>Check Fatora&apos;s dashboard and use “Record refund outcome…” before refunding again.</source>
        <translation>تحقّق من لوحة تحكم ⁦Fatora⁩ واستخدم «تسجيل نتيجة الاسترداد…» قبل الاسترداد مرة أخرى.</translation>
    </message>
    <message>
        <source>Fatora declined it: %1 No money moved.</source>
        <translation>رفضت ⁦Fatora⁩ التحصيل: %1 لم تُنقل أي أموال.</translation>
    </message>
    <message>
        <source>%1 No money moved.</source>
        <translation>%1 لم تُنقل أي أموال.</translation>
    </message>
</context>
<context>
    <name>fatora::PaymentDetailsView</name>
    <message>
        <source>(empty)</source>
        <translation>(فارغ)</translation>
    </message>
    <message>
        <source>Order id:</source>
        <translation>رقم الطلب:</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>الحالة:</translation>
    </message>
    <message>
        <source>Customer:</source>
        <translation>العميل:</translation>
    </message>
    <message>
        <source>Card:</source>
        <translation>البطاقة:</translation>
    </message>
    <message>
        <source>Amount:</source>
        <translation>المبلغ:</translation>
    </message>
    <message>
        <source>Created:</source>
        <translation>تاريخ الإنشاء:</translation>
    </message>
    <message>
        <source>Updated:</source>
        <translation>آخر تحديث:</translation>
    </message>
    <message>
        <source>Last verified:</source>
        <translation>آخر تحقق:</translation>
    </message>
    <message>
        <source>Transaction id:</source>
        <translation>رقم العملية:</translation>
    </message>
    <message>
        <source>Auth code:</source>
        <translation>رمز التفويض:</translation>
    </message>
    <message>
        <source>Gateway status:</source>
        <translation>حالة البوابة:</translation>
    </message>
    <message>
        <source>Status code:</source>
        <translation>رمز الحالة:</translation>
    </message>
    <message>
        <source>HTTP status:</source>
        <translation>حالة HTTP:</translation>
    </message>
    <message>
        <source>Mode:</source>
        <translation>الوضع:</translation>
    </message>
    <message>
        <source>Description:</source>
        <translation>الوصف:</translation>
    </message>
    <message>
        <source>Error:</source>
        <translation>الخطأ:</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>ملاحظة:</translation>
    </message>
    <message>
        <source>Refund:</source>
        <translation>الاسترداد:</translation>
    </message>
    <message>
        <source>Refund status:</source>
        <translation>حالة الاسترداد:</translation>
    </message>
    <message>
        <source>Refunded at:</source>
        <translation>وقت الاسترداد:</translation>
    </message>
    <message>
        <source>Operator:</source>
        <translation>الموظف:</translation>
    </message>
    <message>
        <source>Select a payment to see what was sent and what Fatora answered.</source>
        <translation>اختر دفعة لترى ما أُرسل وبماذا ردّت ⁦Fatora⁩.</translation>
    </message>
    <message>
        <source>Technical details</source>
        <translation>التفاصيل التقنية</translation>
    </message>
    <message>
        <source>Request sent (card token masked):</source>
        <translation>الطلب المرسل (رمز البطاقة مخفي):</translation>
    </message>
    <message>
        <source>Response received:</source>
        <translation>الرد المستلم:</translation>
    </message>
    <message>
        <source>Error of the charge call, since settled:</source>
        <translation>خطأ طلب التحصيل (حُسمت الدفعة لاحقًا):</translation>
    </message>
    <message>
        <source>The money may have moved. Do not charge again: verify this payment first.</source>
        <translation>ربما نُقلت الأموال. لا تحصّل مرة أخرى: تحقّق من هذه الدفعة أولًا.</translation>
    </message>
</context>
<context>
    <name>fatora::PaymentRules</name>
    <message>
        <source>A call for this payment is in flight; wait for its result.</source>
        <translation>هناك طلب جارٍ لهذه الدفعة؛ انتظر نتيجته.</translation>
    </message>
    <message>
        <source>Ask Fatora what happened to order %1.</source>
        <translation>اسأل ⁦Fatora⁩ عمّا حدث للطلب %1.</translation>
    </message>
    <message>
        <source>Fatora gave no transaction id for order %1: verify it to fetch one (a refund needs it).</source>
        <translation>لم تُعطِ ⁦Fatora⁩ رقم عملية للطلب %1: تحقّق منه لجلبه (يحتاجه الاسترداد).</translation>
    </message>
    <message>
        <source>Order %1 charged the card&apos;s first-payment amount: verify it to learn the amount Fatora took.</source>
        <translation>حُصّل في الطلب %1 مبلغ الدفعة الأولى للبطاقة: تحقّق منه لمعرفة المبلغ الذي أخذته ⁦Fatora⁩.</translation>
    </message>
    <message>
        <source>The outcome of order %1 is known (%2); only payments with an unknown outcome need verifying.</source>
        <translation>نتيجة الطلب %1 معروفة (%2)؛ لا يلزم التحقّق إلا من الدفعات ذات النتيجة غير المعروفة.</translation>
    </message>
    <message>
        <source>Only approved payments can be refunded; order %1 is %2.</source>
        <translation>لا يمكن استرداد إلا الدفعات المقبولة؛ وحالة الطلب %1: %2.</translation>
    </message>
    <message>
        <source>Order %1 was already refunded on %2.</source>
        <translation>سبق استرداد الطلب %1 في %2.</translation>
    </message>
    <message>
        <source>A refund of order %1 was started and its answer is not recorded (in flight elsewhere, or interrupted). Refunding again could pay the money back twice: check Fatora&apos;s dashboard, then use “Record refund outcome…”.</source>
        <translation>بدأ استرداد للطلب %1 ولم يُسجَّل ردّه (جارٍ في مكان آخر، أو انقطع). الاسترداد مرة أخرى قد يعيد المبلغ مرتين: تحقّق من لوحة تحكم ⁦Fatora⁩، ثم استخدم «تسجيل نتيجة الاسترداد…».</translation>
    </message>
    <message>
        <source>The outcome of the last refund of order %1 is unknown. Refunding again could pay the money back twice: check Fatora&apos;s dashboard, then use “Record refund outcome…”.</source>
        <translation>نتيجة آخر استرداد للطلب %1 غير معروفة. الاسترداد مرة أخرى قد يعيد المبلغ مرتين: تحقّق من لوحة تحكم ⁦Fatora⁩، ثم استخدم «تسجيل نتيجة الاسترداد…».</translation>
    </message>
    <message>
        <source>Fatora gave no transaction id for order %1, and a refund needs it: verify the payment first.</source>
        <translation>لم تُعطِ ⁦Fatora⁩ رقم عملية للطلب %1، والاسترداد يحتاجه: تحقّق من الدفعة أولًا.</translation>
    </message>
    <message>
        <source>Fatora refused the last refund of order %1; ask again for %2.</source>
        <translation>رفضت ⁦Fatora⁩ آخر استرداد للطلب %1؛ اطلب استرداد %2 مرة أخرى.</translation>
    </message>
    <message>
        <source>Refund %1 of order %2.</source>
        <translation>استرداد %1 من الطلب %2.</translation>
    </message>
    <message>
        <source>The refund of order %1 was asked for at %2 and may still be in flight at another desk. Record what Fatora&apos;s dashboard shows after %3, when no call can still be running.</source>
        <translation>طُلب استرداد الطلب %1 في %2 وقد يكون ما زال جاريًا في مكتب آخر. سجّل ما تُظهره لوحة تحكم ⁦Fatora⁩ بعد %3، حين لا يمكن أن يكون أي طلب ما زال جاريًا.</translation>
    </message>
    <message>
        <source>Check the refund of order %1 in Fatora&apos;s dashboard and record what it shows.</source>
        <translation>تحقّق من استرداد الطلب %1 في لوحة تحكم ⁦Fatora⁩ وسجّل ما تُظهره.</translation>
    </message>
    <message>
        <source>No refund of this payment was asked for: nothing to record.</source>
        <translation>لم يُطلب أي استرداد لهذه الدفعة: لا شيء لتسجيله.</translation>
    </message>
    <message>
        <source>The refund&apos;s outcome is known (%1): nothing to record.</source>
        <translation>نتيجة الاسترداد معروفة (%1): لا شيء لتسجيله.</translation>
    </message>
    <message>
        <source>Only a charge with an unknown outcome can be closed as not charged; order %1 is %2.</source>
        <translation>لا يمكن إغلاق تحصيل على أنه لم يُحصَّل إلا إذا كانت نتيجته غير معروفة؛ وحالة الطلب %1: %2.</translation>
    </message>
    <message>
        <source>Verify order %1 again after %2: it can be closed as not charged only when Fatora still does not know it a day after the attempt.</source>
        <translation>تحقّق من الطلب %1 مرة أخرى بعد %2: لا يمكن إغلاقه على أنه لم يُحصَّل إلا إذا ظلت ⁦Fatora⁩ لا تعرفه بعد يوم من المحاولة.</translation>
    </message>
    <message>
        <source>Close order %1 as not charged: a verify a day after the attempt still found no such order at Fatora.</source>
        <translation>أغلق الطلب %1 على أنه لم يُحصَّل: لم يجد تحقّقٌ أُجري بعد يوم من المحاولة أي طلب كهذا لدى ⁦Fatora⁩.</translation>
    </message>
    <message>
        <source>A revoke of this card is in flight; wait for its result.</source>
        <translation>إبطال هذه البطاقة جارٍ؛ انتظر نتيجته.</translation>
    </message>
    <message>
        <source>Card revoked on %1.</source>
        <translation>أُبطلت البطاقة في %1.</translation>
    </message>
    <message>
        <source>Fatora has not confirmed the revoke yet: retry it.</source>
        <translation>لم تؤكد ⁦Fatora⁩ الإبطال بعد: أعد المحاولة.</translation>
    </message>
    <message>
        <source>Deactivate this card at Fatora so it can never be charged again.</source>
        <translation>عطّل هذه البطاقة لدى ⁦Fatora⁩ كي لا يمكن التحصيل منها مرة أخرى.</translation>
    </message>
    <message>
        <source>This card is being revoked (asked for on %1); finish the revoke. It can no longer be charged.</source>
        <translation>يجري إبطال هذه البطاقة (طُلب في %1)؛ أكمل الإبطال. لم يعد ممكنًا التحصيل منها.</translation>
    </message>
    <message>
        <source>Card revoked on %1: it can never be charged again.</source>
        <translation>أُبطلت البطاقة في %1: لا يمكن التحصيل منها مرة أخرى أبدًا.</translation>
    </message>
    <message>
        <source>Card expired on %1: ask the customer to pay online again for a new card token.</source>
        <translation>انتهت صلاحية البطاقة في %1: اطلب من العميل الدفع عبر الإنترنت مرة أخرى للحصول على رمز بطاقة جديد.</translation>
    </message>
    <message>
        <source>Fatora reported this card invalid on %1: it cannot be charged.</source>
        <translation>أفادت ⁦Fatora⁩ في %1 بأن هذه البطاقة غير صالحة: لا يمكن التحصيل منها.</translation>
    </message>
    <message>
        <source>Charge %1 on this card is still in flight. Wait for its result.</source>
        <translation>التحصيل %1 من هذه البطاقة ما زال جاريًا. انتظر نتيجته.</translation>
    </message>
    <message>
        <source>The outcome of charge %1 is unknown: verify it before charging this card again.</source>
        <translation>نتيجة التحصيل %1 غير معروفة: تحقّق منه قبل التحصيل من هذه البطاقة مرة أخرى.</translation>
    </message>
    <message>
        <source>Charge this card.</source>
        <translation>حصّل من هذه البطاقة.</translation>
    </message>
    <message>
        <source>Order %1 may still be in flight at another desk (sent at %2): its answer is on its way. Verify it after %3 if it is still in flight then.</source>
        <translation>قد يكون الطلب %1 ما يزال جاريًا في مكتب آخر (أُرسل في %2): رده في الطريق. تحقّق منه بعد %3 إن كان ما يزال جاريًا حينها.</translation>
    </message>
    <message>
        <source>Order %1 is in flight at another desk or in the CLI (sent at %2): its answer is on its way. Verify it only if its outcome stays unknown.</source>
        <translation>الطلب %1 جارٍ في مكتب آخر أو في سطر الأوامر (أُرسل في %2): ردّه في الطريق. تحقّق منه فقط إن بقيت نتيجته غير معروفة.</translation>
    </message>
    <message>
        <source>The refund of order %1 is in flight at another desk or in the CLI (asked for at %2): its answer is on its way. Record what Fatora&apos;s dashboard shows only if it stays unrecorded after that desk stops.</source>
        <translation>استرداد الطلب %1 جارٍ في مكتب آخر أو في سطر الأوامر (طُلب في %2): ردّه في الطريق. سجّل ما تُظهره لوحة تحكم ⁦Fatora⁩ فقط إن بقي غير مسجَّل بعد توقف ذلك المكتب.</translation>
    </message>
    <message>
        <source>Order %1 is a card request: check it instead, which also saves the card when the customer paid.</source>
        <translation>الطلب %1 طلب بطاقة: تحقق منه بدلًا من ذلك، فالتحقق يحفظ البطاقة أيضًا إن دفع العميل.</translation>
    </message>
    <message>
        <source>Only a card request whose link expired unpaid can be closed; check order %1 first.</source>
        <translation>لا يُغلق إلا طلب بطاقة انتهت صلاحية رابطه دون دفع؛ تحقق من الطلب %1 أولًا.</translation>
    </message>
    <message>
        <source>Close card request %1: its link expired and Fatora holds no payment on it.</source>
        <translation>إغلاق طلب البطاقة %1: انتهت صلاحية رابطه ولا تحمل ⁦Fatora⁩ أي دفعة عليه.</translation>
    </message>
    <message>
        <source>Order %1 is a charge, not a card request.</source>
        <translation>الطلب %1 عملية خصم، لا طلب بطاقة.</translation>
    </message>
    <message>
        <source>The checkout link of order %1 is still being asked for (since %2). Check it after %3 if no link arrived by then.</source>
        <translation>ما زال رابط الدفع للطلب %1 قيد الطلب (منذ %2). تحقق منه بعد %3 إن لم يصل رابط حتى ذلك الحين.</translation>
    </message>
    <message>
        <source>Ask Fatora whether the customer paid on the link of order %1.</source>
        <translation>سؤال ⁦Fatora⁩ هل دفع العميل على رابط الطلب %1.</translation>
    </message>
    <message>
        <source>The card request %1 is settled (%2): nothing to check.</source>
        <translation>طلب البطاقة %1 محسوم (%2): لا شيء للتحقق منه.</translation>
    </message>
    <message>
        <source>Ask Fatora whether the customer paid later on the link of order %1.</source>
        <translation>سؤال ⁦Fatora⁩ هل دفع العميل لاحقًا على رابط الطلب %1.</translation>
    </message>
    <message>
        <source>Order %1 was paid but no card was saved: ask Fatora again for the card.</source>
        <translation>دُفع الطلب %1 لكن لم تُحفظ أي بطاقة: اسأل ⁦Fatora⁩ مجددًا عن البطاقة.</translation>
    </message>
</context>
<context>
    <name>fatora::PaymentService</name>
    <message>
        <source>The application stopped while this charge was in flight. It may have been charged: verify it before charging again.</source>
        <translation>توقف البرنامج أثناء هذا التحصيل. ربما تم التحصيل: تحقّق منه قبل التحصيل مرة أخرى.</translation>
    </message>
    <message>
        <source>This token charges in %1; the amount is in %2.</source>
        <translation>تُحصَّل هذه البطاقة بعملة %1؛ والمبلغ بعملة %2.</translation>
    </message>
    <message>
        <source>The amount must be more than zero.</source>
        <translation>يجب أن يكون المبلغ أكبر من صفر.</translation>
    </message>
    <message>
        <source>Could not generate a unique order id.</source>
        <translation>تعذّر إنشاء رقم طلب فريد.</translation>
    </message>
    <message>
        <source>Settled by verify on %1.</source>
        <translation>حُسمت بالتحقق في %1.</translation>
    </message>
    <message>
        <source>Not found at the gateway yet (checked %1): still unknown, verify again later.</source>
        <translation>غير موجودة لدى البوابة بعد (تم التحقق في %1): ما زالت غير معروفة، تحقّق مرة أخرى لاحقًا.</translation>
    </message>
    <message>
        <source>Verify failed (checked %1): %2</source>
        <translation>فشل التحقق (في %1): %2</translation>
    </message>
    <message>
        <source>Give a reason for revoking this token; it is kept in the audit log.</source>
        <translation>اذكر سبب إبطال هذه البطاقة؛ يُحفظ في سجل التدقيق.</translation>
    </message>
    <message>
        <source>The database is busy; the gateway&apos;s answer for %1 is kept and saving is retried.</source>
        <translation>قاعدة البيانات مشغولة؛ رد البوابة على %1 محفوظ في الذاكرة وتُعاد محاولة حفظه.</translation>
    </message>
    <message>
        <source>The gateway&apos;s answer for %1 could not be saved: %2. Verify it.</source>
        <translation>تعذّر حفظ رد البوابة على %1: %2. تحقّق منه.</translation>
    </message>
    <message>
        <source>charge %1 (%2, transaction %3)</source>
        <translation>التحصيل %1 (%2، العملية %3)</translation>
    </message>
    <message>
        <source>Checked again on %1.</source>
        <translation>أُعيد التحقق في %1.</translation>
    </message>
    <message>
        <source>verify of %1</source>
        <translation>التحقق من %1</translation>
    </message>
    <message>
        <source>Say why this charge is closed; it is kept in the audit log.</source>
        <translation>اذكر سبب إغلاق هذا التحصيل؛ يُحفظ في سجل التدقيق.</translation>
    </message>
    <message>
        <source>Closed as not charged: the gateway did not know this order a day later. Reason: %1</source>
        <translation>أُغلق على أنه لم يُحصَّل: لم تعرف البوابة هذا الطلب بعد يوم. السبب: %1</translation>
    </message>
    <message>
        <source>the revoke of token %1</source>
        <translation>إبطال البطاقة %1</translation>
    </message>
    <message>
        <source>Revoke not confirmed by the gateway: %1 The token stays revoke-pending; retry.</source>
        <translation>لم تؤكد البوابة الإبطال: %1 تبقى البطاقة قيد الإبطال؛ أعد المحاولة.</translation>
    </message>
    <message>
        <source>the refund of %1</source>
        <translation>استرداد %1</translation>
    </message>
    <message>
        <source>Say what Fatora&apos;s dashboard shows; it is kept in the audit log.</source>
        <translation>اذكر ما تُظهره لوحة تحكم ⁦Fatora⁩؛ يُحفظ في سجل التدقيق.</translation>
    </message>
    <message>
        <source>Refund outcome recorded by hand: %1</source>
        <translation>سُجّلت نتيجة الاسترداد يدويًا: %1</translation>
    </message>
    <message>
        <source>Order id %1 was already used by another charge; start a new charge.</source>
        <translation>رقم الطلب %1 استُخدم من قبل في تحصيل آخر؛ ابدأ تحصيلًا جديدًا.</translation>
    </message>
    <message>
        <source>The database could not save the gateway&apos;s answer for %1 (%2); the answer is kept in %3 and saving is retried.</source>
        <translation>تعذّر على قاعدة البيانات حفظ رد البوابة على %1 (%2)؛ الرد محتفَظ به في %3 وتُعاد محاولة الحفظ.</translation>
    </message>
    <message>
        <source>The gateway&apos;s answer for %1 could not be saved: %2. It is kept in %3 and will be saved when the database can take it (at the latest at the next start). Do not repeat the action.</source>
        <translation>تعذّر حفظ رد البوابة على %1: %2. الرد محتفَظ به في %3 وسيُحفظ حين تتمكن قاعدة البيانات من قبوله (عند التشغيل التالي على أبعد تقدير). لا تكرر الإجراء.</translation>
    </message>
    <message>
        <source>The gateway&apos;s answer for %1 could not be saved: %2, and no journal could keep it (%3). Keep this window open so that it can be saved; note the transaction id %4.</source>
        <translation>تعذّر حفظ رد البوابة على %1: %2، ولم يمكن الاحتفاظ به في ملف الردود غير المحفوظة (%3). أبقِ هذه النافذة مفتوحة كي يمكن حفظه؛ ودوّن رقم العملية %4.</translation>
    </message>
    <message>
        <source>Gateway reports %1 (checked %2): still unknown, verify again later. %3</source>
        <extracomment>%3 is the sentence that says what did not match.</extracomment>
        <translation>تفيد البوابة بـ %1 (تم التحقق في %2): ما زالت غير معروفة، تحقّق مرة أخرى لاحقًا. %3</translation>
    </message>
    <message>
        <source>An answer kept in %1 (order %2) matches nothing in this database; it was left there. Was the database restored from a backup?</source>
        <translation>ردٌّ محفوظ في %1 (الطلب %2) لا يطابق أي سجل في قاعدة البيانات هذه؛ فتُرك هناك. هل استُعيدت قاعدة البيانات من نسخة احتياطية؟</translation>
    </message>
    <message>
        <source>no status</source>
        <translation>بلا حالة</translation>
    </message>
    <message>
        <source>The gateway reports %1 taken; the charge sent %2.</source>
        <translation>تفيد البوابة بأن المحصَّل فعلًا %1؛ والتحصيل أرسل %2.</translation>
    </message>
    <message>
        <source>The gateway reports %1 taken; the card&apos;s first payment, expected, was %2.</source>
        <translation>تفيد البوابة بأن المحصَّل فعلًا %1؛ وكان المتوقَّع، وهو مبلغ الدفعة الأولى للبطاقة، %2.</translation>
    </message>
    <message>
        <source>The application stopped while asking for this checkout link; no link was handed out. Check it to close it.</source>
        <translation>توقف البرنامج أثناء طلب رابط الدفع هذا؛ فلم يُسلَّم أي رابط. تحقق منه لإغلاقه.</translation>
    </message>
    <message>
        <source>Closed: the link expired and the customer did not pay. Reason: %1</source>
        <translation>أُغلق: انتهت صلاحية الرابط ولم يدفع العميل. السبب: %1</translation>
    </message>
    <message numerus="yes">
        <source>The database could not save %n answer(s) from the gateway (%1); they are kept in %2 and saving is retried.</source>
        <translation>
            <numerusform>تعذّر على قاعدة البيانات حفظ ردود البوابة (العدد: %n)، والسبب: %1؛ الردود محتفَظ بها في ⁦%2⁩ وتُعاد محاولة حفظها.</numerusform>
            <numerusform>تعذّر على قاعدة البيانات حفظ رد البوابة (العدد: %n)، والسبب: %1؛ الرد محتفَظ به في ⁦%2⁩ وتُعاد محاولة حفظه.</numerusform>
            <numerusform>تعذّر على قاعدة البيانات حفظ ردَّي البوابة (العدد: %n)، والسبب: %1؛ الردّان محتفَظ بهما في ⁦%2⁩ وتُعاد محاولة حفظهما.</numerusform>
            <numerusform>تعذّر على قاعدة البيانات حفظ ردود البوابة (العدد: %n)، والسبب: %1؛ الردود محتفَظ بها في ⁦%2⁩ وتُعاد محاولة حفظها.</numerusform>
            <numerusform>تعذّر على قاعدة البيانات حفظ ردود البوابة (العدد: %n)، والسبب: %1؛ الردود محتفَظ بها في ⁦%2⁩ وتُعاد محاولة حفظها.</numerusform>
            <numerusform>تعذّر على قاعدة البيانات حفظ ردود البوابة (العدد: %n)، والسبب: %1؛ الردود محتفَظ بها في ⁦%2⁩ وتُعاد محاولة حفظها.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The database is busy; %n answer(s) from the gateway are kept and saving is retried.</source>
        <translation>
            <numerusform>قاعدة البيانات مشغولة؛ ردود البوابة (العدد: %n) محتفَظ بها في الذاكرة وتُعاد محاولة حفظها.</numerusform>
            <numerusform>قاعدة البيانات مشغولة؛ رد البوابة (العدد: %n) محتفَظ به في الذاكرة وتُعاد محاولة حفظه.</numerusform>
            <numerusform>قاعدة البيانات مشغولة؛ ردّا البوابة (العدد: %n) محتفَظ بهما في الذاكرة وتُعاد محاولة حفظهما.</numerusform>
            <numerusform>قاعدة البيانات مشغولة؛ ردود البوابة (العدد: %n) محتفَظ بها في الذاكرة وتُعاد محاولة حفظها.</numerusform>
            <numerusform>قاعدة البيانات مشغولة؛ ردود البوابة (العدد: %n) محتفَظ بها في الذاكرة وتُعاد محاولة حفظها.</numerusform>
            <numerusform>قاعدة البيانات مشغولة؛ ردود البوابة (العدد: %n) محتفَظ بها في الذاكرة وتُعاد محاولة حفظها.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n answer(s) from the gateway could not be saved: %1. They are kept in %2 and will be saved when the database can take them (at the latest at the next start). Do not repeat the charges.</source>
        <translation>
            <numerusform>تعذّر حفظ ردود البوابة (العدد: %n): %1. الردود محتفَظ بها في ⁦%2⁩ وستُحفظ حين تتمكن قاعدة البيانات من قبولها (عند التشغيل التالي على أبعد تقدير). لا تكرر عمليات التحصيل.</numerusform>
            <numerusform>تعذّر حفظ رد البوابة (العدد: %n): %1. الرد محتفَظ به في ⁦%2⁩ وسيُحفظ حين تتمكن قاعدة البيانات من قبوله (عند التشغيل التالي على أبعد تقدير). لا تكرر التحصيل.</numerusform>
            <numerusform>تعذّر حفظ ردَّي البوابة (العدد: %n): %1. الردّان محتفَظ بهما في ⁦%2⁩ وسيُحفظان حين تتمكن قاعدة البيانات من قبولهما (عند التشغيل التالي على أبعد تقدير). لا تكرر عمليتي التحصيل.</numerusform>
            <numerusform>تعذّر حفظ ردود البوابة (العدد: %n): %1. الردود محتفَظ بها في ⁦%2⁩ وستُحفظ حين تتمكن قاعدة البيانات من قبولها (عند التشغيل التالي على أبعد تقدير). لا تكرر عمليات التحصيل.</numerusform>
            <numerusform>تعذّر حفظ ردود البوابة (العدد: %n): %1. الردود محتفَظ بها في ⁦%2⁩ وستُحفظ حين تتمكن قاعدة البيانات من قبولها (عند التشغيل التالي على أبعد تقدير). لا تكرر عمليات التحصيل.</numerusform>
            <numerusform>تعذّر حفظ ردود البوابة (العدد: %n): %1. الردود محتفَظ بها في ⁦%2⁩ وستُحفظ حين تتمكن قاعدة البيانات من قبولها (عند التشغيل التالي على أبعد تقدير). لا تكرر عمليات التحصيل.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n answer(s) from the gateway could not be saved: %1, and no journal could keep them. Keep this window open so that they can be saved.</source>
        <translation>
            <numerusform>تعذّر حفظ ردود البوابة (العدد: %n): %1، ولم يمكن الاحتفاظ بها في ملف الردود غير المحفوظة. أبقِ هذه النافذة مفتوحة كي يمكن حفظها.</numerusform>
            <numerusform>تعذّر حفظ رد البوابة (العدد: %n): %1، ولم يمكن الاحتفاظ به في ملف الردود غير المحفوظة. أبقِ هذه النافذة مفتوحة كي يمكن حفظه.</numerusform>
            <numerusform>تعذّر حفظ ردَّي البوابة (العدد: %n): %1، ولم يمكن الاحتفاظ بهما في ملف الردود غير المحفوظة. أبقِ هذه النافذة مفتوحة كي يمكن حفظهما.</numerusform>
            <numerusform>تعذّر حفظ ردود البوابة (العدد: %n): %1، ولم يمكن الاحتفاظ بها في ملف الردود غير المحفوظة. أبقِ هذه النافذة مفتوحة كي يمكن حفظها.</numerusform>
            <numerusform>تعذّر حفظ ردود البوابة (العدد: %n): %1، ولم يمكن الاحتفاظ بها في ملف الردود غير المحفوظة. أبقِ هذه النافذة مفتوحة كي يمكن حفظها.</numerusform>
            <numerusform>تعذّر حفظ ردود البوابة (العدد: %n): %1، ولم يمكن الاحتفاظ بها في ملف الردود غير المحفوظة. أبقِ هذه النافذة مفتوحة كي يمكن حفظها.</numerusform>
        </translation>
    </message>
    <message>
        <source>An answer kept in %1 (order %2) could not be saved: %3. It stays there; verify the payment at the gateway before doing anything else with it.</source>
        <translation>تعذّر حفظ ردٍّ محفوظ في ⁦%1⁩ (الطلب ⁦%2⁩): %3. يبقى هناك؛ تحقّق من الدفعة لدى البوابة قبل أي إجراء آخر عليها.</translation>
    </message>
    <message>
        <source>An answer from the gateway (order %1) could not be saved: %2. Verify the payment at the gateway before doing anything else with it.</source>
        <translation>تعذّر حفظ ردٍّ من البوابة (الطلب ⁦%1⁩): %2. تحقّق من الدفعة لدى البوابة قبل أي إجراء آخر عليها.</translation>
    </message>
    <message>
        <source>Refunding %1 of order %2 needs a second supervisor&apos;s approval: ask for it with a reason, and another supervisor approves it under Payments → Refund requests.</source>
        <translation>يتطلب استرداد %1 من الطلب %2 موافقة مشرف ثانٍ: اطلبها مع ذكر السبب، ويوافق عليها مشرف آخر من المدفوعات ← طلبات الاسترداد.</translation>
    </message>
    <message>
        <source>Say why the money goes back: the supervisor who approves reads it.</source>
        <translation>اذكر سبب إعادة المبلغ: يقرؤه المشرف الذي يوافق.</translation>
    </message>
    <message>
        <source>A refund of order %1 is already waiting for approval.</source>
        <translation>يوجد استرداد للطلب %1 بانتظار الموافقة بالفعل.</translation>
    </message>
    <message>
        <source>Refund request %1 was already %2 by %3.</source>
        <translation>سبق أن بتّ %3 في طلب الاسترداد %1 (%2).</translation>
    </message>
    <message>
        <source>You asked for refund request %1, so another supervisor approves it.</source>
        <translation>أنت من قدّم طلب الاسترداد %1، لذا يوافق عليه مشرف آخر.</translation>
    </message>
    <message>
        <source>Say why the refund is denied: the person who asked reads it.</source>
        <translation>اذكر سبب رفض الاسترداد: يقرؤه من قدّم الطلب.</translation>
    </message>
    <message>
        <source>The payment of refund request %1 could not be read.</source>
        <translation>تعذّرت قراءة دفعة طلب الاسترداد %1.</translation>
    </message>
</context>
<context>
    <name>fatora::PaymentTableModel</name>
    <message>
        <source>The money may have moved. Do not charge again: verify this payment first.</source>
        <translation>ربما نُقلت الأموال. لا تحصّل مرة أخرى: تحقّق من هذه الدفعة أولًا.</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>التاريخ</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>العميل</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>البطاقة</translation>
    </message>
    <message>
        <source>Order id</source>
        <translation>رقم الطلب</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>المبلغ</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>العملة</translation>
    </message>
    <message>
        <source>State</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <source>Status code</source>
        <translation>رمز الحالة</translation>
    </message>
    <message>
        <source>Transaction id</source>
        <translation>رقم العملية</translation>
    </message>
    <message>
        <source>Auth code</source>
        <translation>رمز التفويض</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>الوضع</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>الوصف</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>الموظف</translation>
    </message>
    <message>
        <source>New card request</source>
        <translation>طلب بطاقة جديدة</translation>
    </message>
    <message>
        <source>session %1</source>
        <translation>الجلسة %1</translation>
    </message>
    <message>
        <source>Made on %1 (process %2), opened by %3 at %4.</source>
        <translation>أُجريت على %1 (العملية %2)، فتحها %3 في %4.</translation>
    </message>
    <message>
        <source>nobody named</source>
        <translation>لم يُسمَّ أحد</translation>
    </message>
    <message>
        <source>That run ended at %1.</source>
        <translation>انتهى ذلك التشغيل في %1.</translation>
    </message>
    <message>
        <source>The computer whose desk or command-line run made the last call for this payment: its charge, or its refund once one was asked for.</source>
        <translation>الحاسوب الذي أجرى مكتبُه أو تشغيلُ سطر الأوامر فيه آخرَ طلب لهذه الدفعة: خصمها، أو استردادها بعد طلبه.</translation>
    </message>
    <message>
        <source>Desk</source>
        <translation>المكتب</translation>
    </message>
</context>
<context>
    <name>fatora::PostgresStore</name>
    <message>
        <source>The database %1 was set up by a newer version of Fatora Back Office (schema %2); this version understands up to %3; nothing was changed. Install the newer version on this computer to use it.</source>
        <translation>أُعدّت قاعدة البيانات %1 بإصدار أحدث من المكتب الخلفي لـ ⁦Fatora⁩ (المخطط %2)؛ يفهم هذا الإصدار حتى %3؛ لم يُغيَّر شيء. ثبّت الإصدار الأحدث على هذا الحاسوب لاستخدامها.</translation>
    </message>
    <message>
        <source>The database %1 has schema version %2, which no version of Fatora Back Office writes: it is damaged or belongs to another program; nothing was changed.</source>
        <translation>إصدار مخطط قاعدة البيانات %1 هو %2، ولا يكتبه أي إصدار من المكتب الخلفي لـ ⁦Fatora⁩: إنها تالفة أو تخص برنامجًا آخر؛ لم يُغيَّر شيء.</translation>
    </message>
    <message>
        <source>The database %1 is not a Fatora Back Office database: it holds tables of another program (%2). Nothing was changed. Create an empty database for Fatora Back Office and point the desks at it.</source>
        <translation>قاعدة البيانات %1 ليست قاعدة بيانات المكتب الخلفي لـ ⁦Fatora⁩: فيها جداول برنامج آخر (%2). لم يُغيَّر شيء. أنشئ قاعدة بيانات فارغة لـ المكتب الخلفي لـ ⁦Fatora⁩ ووجّه المكاتب إليها.</translation>
    </message>
    <message>
        <source>The connection to the database is closed; changes made at other desks cannot be followed.</source>
        <translation>الاتصال بقاعدة البيانات مغلق؛ لا يمكن متابعة التغييرات التي تُجرى في المكاتب الأخرى.</translation>
    </message>
    <message>
        <source>Could not follow the changes made at other desks: %1</source>
        <translation>تعذّرت متابعة التغييرات التي تُجرى في المكاتب الأخرى: %1</translation>
    </message>
    <message>
        <source>No database URL was given, e.g. %1.</source>
        <translation>لم يُذكر عنوان ⁦URL⁩ لقاعدة البيانات، مثل %1.</translation>
    </message>
    <message>
        <source>The database URL is not a valid URL; write it as %1.</source>
        <translation>عنوان ⁦URL⁩ لقاعدة البيانات غير صالح؛ اكتبه هكذا: %1.</translation>
    </message>
    <message>
        <source>A shared database URL starts with postgresql://, e.g. %1.</source>
        <translation>يبدأ عنوان ⁦URL⁩ لقاعدة البيانات المشتركة بـ ⁦postgresql://⁩، مثل %1.</translation>
    </message>
    <message>
        <source>The database URL cannot have a &apos;#&apos; part.</source>
        <translation>لا يمكن أن يحتوي عنوان ⁦URL⁩ لقاعدة البيانات على جزء يبدأ بـ ⁦#⁩.</translation>
    </message>
    <message>
        <source>The database URL names no server: write it as %1.</source>
        <translation>لا يذكر عنوان ⁦URL⁩ لقاعدة البيانات أي خادم: اكتبه هكذا: %1.</translation>
    </message>
    <message>
        <source>The port must be a number from 1 to 65535.</source>
        <translation>يجب أن يكون المنفذ رقمًا من 1 إلى 65535.</translation>
    </message>
    <message>
        <source>The database URL must name one database after the server, as in %1.</source>
        <translation>يجب أن يذكر عنوان ⁦URL⁩ قاعدة بيانات واحدة بعد الخادم، كما في %1.</translation>
    </message>
    <message>
        <source>The database URL has an unknown option %1; only sslmode is understood.</source>
        <translation>في عنوان ⁦URL⁩ لقاعدة البيانات خيار غير معروف %1؛ لا يُفهم إلا ⁦sslmode⁩.</translation>
    </message>
    <message>
        <source>sslmode must be disable, require or verify-full.</source>
        <translation>يجب أن تكون قيمة ⁦sslmode⁩ إحدى: ⁦disable⁩ أو ⁦require⁩ أو ⁦verify-full⁩.</translation>
    </message>
    <message>
        <source>Qt&apos;s PostgreSQL driver (QPSQL) is not installed; install the package libqt6sql6-psql.</source>
        <translation>برنامج تشغيل ⁦PostgreSQL⁩ في ⁦Qt⁩ (⁦QPSQL⁩) غير مثبّت؛ ثبّت الحزمة ⁦libqt6sql6-psql⁩.</translation>
    </message>
    <message>
        <source>Could not connect to %1</source>
        <translation>تعذّر الاتصال بـ %1</translation>
    </message>
    <message>
        <source>Could not reach %1</source>
        <translation>تعذّر الوصول إلى %1</translation>
    </message>
    <message>
        <source>The database %1 did not answer with its clock.</source>
        <translation>لم تُجب قاعدة البيانات %1 بوقت ساعتها.</translation>
    </message>
    <message>
        <source>The database %1 runs this connection with %2 = %3, not %4 as Fatora Back Office asked when connecting; nothing was changed. A connection pooler between this computer and the server may be dropping the connection&apos;s options (pgbouncer: remove &quot;options&quot; from ignore_startup_parameters), or connect to the server directly.</source>
        <translation>تشغّل قاعدة البيانات %1 هذا الاتصال بالإعداد ⁦%2 = %3⁩، لا ⁦%4⁩ كما طلب المكتب الخلفي لـ ⁦Fatora⁩ عند الاتصال؛ لم يُغيَّر شيء. قد يكون وسيط اتصالات بين هذا الحاسوب والخادم يُسقط خيارات الاتصال (في ⁦pgbouncer⁩: احذف ⁦&quot;options&quot;⁩ من ⁦ignore_startup_parameters⁩)، أو اتصل بالخادم مباشرة.</translation>
    </message>
    <message>
        <source>This computer&apos;s clock is %1 seconds %2 the database server&apos;s (%3). Desks must agree on the time to tell a charge still in flight from an abandoned one: set this computer&apos;s clock (e.g. turn on automatic time) and start again.</source>
        <translation>ساعة هذا الحاسوب %2 ساعة خادم قاعدة البيانات (%3) بمقدار %1 ثانية. يجب أن تتفق المكاتب على الوقت لتمييز تحصيل ما زال جاريًا من تحصيل متروك: اضبط ساعة هذا الحاسوب (مثلًا بتفعيل الوقت التلقائي) وابدأ من جديد.</translation>
    </message>
    <message>
        <source>ahead of</source>
        <translation>متقدمة على</translation>
    </message>
    <message>
        <source>behind</source>
        <translation>متأخرة عن</translation>
    </message>
    <message>
        <source>Another desk is saving changes to the database; try again in a moment. Nothing was changed.</source>
        <translation>مكتب آخر يحفظ تغييرات في قاعدة البيانات؛ حاول مرة أخرى بعد لحظة. لم يُغيَّر شيء.</translation>
    </message>
    <message>
        <source>A step of this change failed, so none of it was saved.</source>
        <translation>فشلت خطوة من هذا التغيير، لذلك لم يُحفظ أي جزء منه.</translation>
    </message>
    <message>
        <source>This card token is already on file.</source>
        <translation>رمز البطاقة هذا محفوظ بالفعل.</translation>
    </message>
    <message>
        <source>A payment with order id %1 already exists; an order id is never used twice.</source>
        <translation>توجد دفعة برقم الطلب %1 بالفعل؛ لا يُستخدم رقم الطلب مرتين أبدًا.</translation>
    </message>
    <message>
        <source>This card already has a charge in flight or awaiting verification: settle that one first. Nothing was saved.</source>
        <translation>لهذه البطاقة تحصيل جارٍ أو بانتظار التحقق: احسمه أولًا. لم يُحفظ أي شيء.</translation>
    </message>
</context>
<context>
    <name>fatora::PrivateFiles</name>
    <message>
        <source>%1 is a link to a file that does not exist; give the path of the database file itself.</source>
        <translation>%1 رابط إلى ملف غير موجود؛ حدّد مسار ملف قاعدة البيانات نفسه.</translation>
    </message>
    <message>
        <source>Could not create %1: %2</source>
        <translation>تعذّر إنشاء %1: %2</translation>
    </message>
    <message>
        <source>Could not make %1 private to its owner (chmod 600): %2</source>
        <translation>تعذّر جعل %1 خاصًا بمالكه (chmod 600): %2</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>تعذّرت الكتابة إلى %1: %2</translation>
    </message>
    <message>
        <source>the content could not be made</source>
        <translation>تعذّر إنشاء المحتوى</translation>
    </message>
</context>
<context>
    <name>fatora::Receipt</name>
    <message>
        <source>Select a payment in the transaction history first.</source>
        <translation>اختر دفعة من سجل العمليات أولًا.</translation>
    </message>
    <message>
        <source>Only an approved payment has a receipt; this one is not approved.</source>
        <translation>لا يُصدر إيصال إلا لدفعة مقبولة؛ وهذه الدفعة غير مقبولة.</translation>
    </message>
    <message>
        <source>The refund of this payment is not settled yet: record or verify its outcome before printing a receipt.</source>
        <translation>لم يُحسم استرداد هذه الدفعة بعد: سجّل نتيجته أو تحقّق منها قبل طباعة الإيصال.</translation>
    </message>
    <message>
        <source>Fatora gave no transaction id for this payment: verify it before printing a receipt.</source>
        <translation>لم تُعطِ ⁦Fatora⁩ رقم عملية لهذه الدفعة: تحقّق منها قبل طباعة الإيصال.</translation>
    </message>
    <message>
        <source>Enter the merchant name for receipts in Settings first.</source>
        <translation>أدخل اسم التاجر للإيصالات في الإعدادات أولًا.</translation>
    </message>
    <message>
        <source>The merchant name in Settings %1</source>
        <translation>اسم التاجر في الإعدادات %1</translation>
    </message>
    <message>
        <source>The card or customer read for this receipt is not the payment&apos;s.</source>
        <translation>البطاقة أو العميل الذي قُرئت بياناته لهذا الإيصال لا يخص هذه الدفعة.</translation>
    </message>
    <message>
        <source>Fatora reports a different amount taken than this charge sent: check the payment in Fatora&apos;s dashboard before giving a receipt.</source>
        <translation>تُبلغ ⁦Fatora⁩ عن مبلغ محصَّل يختلف عما أرسله هذا التحصيل: راجع الدفعة في لوحة تحكم ⁦Fatora⁩ قبل إعطاء إيصال.</translation>
    </message>
    <message>
        <source>This payment was sent without an amount and Fatora has not confirmed the amount it took: verify the payment (it asks Fatora), then print the receipt.</source>
        <translation>أُرسلت هذه الدفعة بلا مبلغ ولم تؤكد ⁦Fatora⁩ المبلغ الذي حصّلته: تحقّق من الدفعة (يسأل ذلك ⁦Fatora⁩)، ثم اطبع الإيصال.</translation>
    </message>
</context>
<context>
    <name>fatora::ReceiptActions</name>
    <message>
        <source>&amp;Print receipt…</source>
        <translation>&amp;طباعة الإيصال…</translation>
    </message>
    <message>
        <source>Print the receipt of the selected payment or refund</source>
        <translation>طباعة إيصال الدفعة المحددة أو إيصال استردادها</translation>
    </message>
    <message>
        <source>Save receipt as &amp;PDF…</source>
        <translation>حفظ الإيصال بصيغة &amp;PDF…</translation>
    </message>
    <message>
        <source>Save the receipt of the selected payment or refund as a PDF file</source>
        <translation>حفظ إيصال الدفعة المحددة أو إيصال استردادها في ملف PDF</translation>
    </message>
    <message>
        <source>Copy &amp;order id</source>
        <translation>نسخ رقم ال&amp;طلب</translation>
    </message>
    <message>
        <source>Copy &amp;transaction id</source>
        <translation>نسخ رقم الع&amp;ملية</translation>
    </message>
    <message>
        <source>Select a payment in the transaction history first.</source>
        <translation>اختر دفعة من سجل العمليات أولًا.</translation>
    </message>
    <message>
        <source>Copy %1</source>
        <translation>نسخ %1</translation>
    </message>
    <message>
        <source>Fatora gave no transaction id for this payment.</source>
        <translation>لم تُعطِ ⁦Fatora⁩ رقم عملية لهذه الدفعة.</translation>
    </message>
    <message>
        <source>Print receipt</source>
        <translation>طباعة الإيصال</translation>
    </message>
    <message>
        <source>Receipt sent to the printer.</source>
        <translation>أُرسل الإيصال إلى الطابعة.</translation>
    </message>
    <message>
        <source>Save receipt as PDF</source>
        <translation>حفظ الإيصال بصيغة PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>ملفات PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Receipt saved to %1.</source>
        <translation>حُفظ الإيصال في %1.</translation>
    </message>
    <message>
        <source>Transaction id copied: %1</source>
        <translation>نُسخ رقم العملية: %1</translation>
    </message>
    <message>
        <source>Order id copied: %1</source>
        <translation>نُسخ رقم الطلب: %1</translation>
    </message>
</context>
<context>
    <name>fatora::ReceiptDocument</name>
    <message>
        <source>Customer</source>
        <translation>العميل</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>البطاقة</translation>
    </message>
    <message>
        <source>%1 (the card&apos;s first-payment amount)</source>
        <translation>%1 (مبلغ الدفعة الأولى للبطاقة)</translation>
    </message>
    <message>
        <source>Amount refunded</source>
        <translation>المبلغ المسترد</translation>
    </message>
    <message>
        <source>Amount paid</source>
        <translation>المبلغ المدفوع</translation>
    </message>
    <message>
        <source>Order id</source>
        <translation>رقم الطلب</translation>
    </message>
    <message>
        <source>Transaction id</source>
        <translation>رقم العملية</translation>
    </message>
    <message>
        <source>Auth code</source>
        <translation>رمز التفويض</translation>
    </message>
    <message>
        <source>Refunded on</source>
        <translation>تاريخ الاسترداد</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>التاريخ</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>الموظف</translation>
    </message>
    <message>
        <source>Refund status</source>
        <translation>حالة الاسترداد</translation>
    </message>
    <message>
        <source>Refund receipt</source>
        <translation>إيصال استرداد</translation>
    </message>
    <message>
        <source>Payment receipt</source>
        <translation>إيصال دفع</translation>
    </message>
    <message>
        <source>TEST — no real money moved</source>
        <translation>تجريبي — لم تُنقل أموال حقيقية</translation>
    </message>
    <message>
        <source>The amount above was returned to the card through the Fatora payment gateway. The bank may take up to four weeks to show it.</source>
        <translation>أُعيد المبلغ أعلاه إلى البطاقة عبر بوابة الدفع ⁦Fatora⁩. قد يستغرق ظهوره لدى البنك ما يصل إلى أربعة أسابيع.</translation>
    </message>
    <message>
        <source>Paid by card through the Fatora payment gateway. Thank you.</source>
        <translation>دُفع بالبطاقة عبر بوابة الدفع ⁦Fatora⁩. شكرًا لكم.</translation>
    </message>
</context>
<context>
    <name>fatora::ReconcileDialog</name>
    <message>
        <source>Reconcile pending payments</source>
        <translation>مطابقة الدفعات المعلّقة</translation>
    </message>
    <message>
        <source>No payment has an unknown outcome: nothing to verify.</source>
        <translation>لا توجد دفعة نتيجتها غير معروفة: لا شيء للتحقق منه.</translation>
    </message>
    <message>
        <source>Stopping after the payment being verified now.</source>
        <translation>سيتوقف بعد الدفعة التي يجري التحقق منها الآن.</translation>
    </message>
    <message>
        <source>%1: not verified: %2</source>
        <translation>%1: لم يتم التحقق: %2</translation>
    </message>
    <message>
        <source>%1: approved (transaction %2). Do not charge it again.</source>
        <translation>%1: مقبولة (العملية %2). لا تحصّلها مرة أخرى.</translation>
    </message>
    <message>
        <source>%1: declined; no money moved.</source>
        <translation>%1: مرفوضة؛ لم تُنقل أي أموال.</translation>
    </message>
    <message>
        <source>%1: Fatora has no such charge; no money moved.</source>
        <translation>%1: لا توجد لدى ⁦Fatora⁩ عملية بهذا الرقم؛ لم تُنقل أي أموال.</translation>
    </message>
    <message>
        <source>%1: still unknown: %2</source>
        <translation>%1: ما زالت غير معروفة: %2</translation>
    </message>
    <message numerus="yes">
        <source>Payments with an unknown outcome: %n. Fatora is asked about each one; nothing is charged again.</source>
        <translation>
            <numerusform>الدفعات ذات النتيجة غير المعروفة: %n. تُسأل ⁦Fatora⁩ عن كل واحدة منها؛ ولا يُحصَّل أي شيء مرة أخرى.</numerusform>
            <numerusform>الدفعات ذات النتيجة غير المعروفة: %n. تُسأل ⁦Fatora⁩ عن كل واحدة منها؛ ولا يُحصَّل أي شيء مرة أخرى.</numerusform>
            <numerusform>الدفعات ذات النتيجة غير المعروفة: %n. تُسأل ⁦Fatora⁩ عن كل واحدة منها؛ ولا يُحصَّل أي شيء مرة أخرى.</numerusform>
            <numerusform>الدفعات ذات النتيجة غير المعروفة: %n. تُسأل ⁦Fatora⁩ عن كل واحدة منها؛ ولا يُحصَّل أي شيء مرة أخرى.</numerusform>
            <numerusform>الدفعات ذات النتيجة غير المعروفة: %n. تُسأل ⁦Fatora⁩ عن كل واحدة منها؛ ولا يُحصَّل أي شيء مرة أخرى.</numerusform>
            <numerusform>الدفعات ذات النتيجة غير المعروفة: %n. تُسأل ⁦Fatora⁩ عن كل واحدة منها؛ ولا يُحصَّل أي شيء مرة أخرى.</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopped. Settled: %1 of %2. Still unknown: %3.</source>
        <translation>توقف. حُسمت: %1 من أصل %2. ما زالت غير معروفة: %3.</translation>
    </message>
    <message>
        <source>Done. Settled: %1 of %2. Still unknown: %3.</source>
        <translation>تم. حُسمت: %1 من أصل %2. ما زالت غير معروفة: %3.</translation>
    </message>
    <message>
        <source>Not verified: %1.</source>
        <translation>لم يتم التحقق منها: %1.</translation>
    </message>
    <message>
        <source>Not asked yet: %1.</source>
        <translation>لم تُسأل عنها ⁦Fatora⁩ بعد: %1.</translation>
    </message>
</context>
<context>
    <name>fatora::RefundApproval</name>
    <message>
        <source>Waiting for approval</source>
        <translation>بانتظار الموافقة</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>تمت الموافقة</translation>
    </message>
    <message>
        <source>Denied</source>
        <translation>مرفوض</translation>
    </message>
</context>
<context>
    <name>fatora::RefundDialog</name>
    <message>
        <source>Refund &lt;b&gt;%1&lt;/b&gt; of order %2 (transaction %3) to %4?</source>
        <translation>استرداد &lt;b&gt;%1&lt;/b&gt; من الطلب %2 (العملية %3) إلى %4؟</translation>
    </message>
    <message>
        <source>Refunding…</source>
        <translation>جارٍ الاسترداد…</translation>
    </message>
    <message>
        <source>The result is recorded in the history even if you close this window.</source>
        <translation>تُسجَّل النتيجة في السجل حتى لو أغلقت هذه النافذة.</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>مستردة</translation>
    </message>
    <message>
        <source>Fatora accepted the refund (%1). The history shows the payment as refunded.</source>
        <translation>قبلت ⁦Fatora⁩ الاسترداد (%1). يظهر السجل الدفعة على أنها مستردة.</translation>
    </message>
    <message>
        <source>Refund pending</source>
        <translation>الاسترداد قيد المعالجة</translation>
    </message>
    <message>
        <source>Refund refused</source>
        <translation>رُفض الاسترداد</translation>
    </message>
    <message>
        <source>Fatora refused the refund: %1. No money moved.</source>
        <translation>رفضت ⁦Fatora⁩ الاسترداد: %1. لم تُنقل أي أموال.</translation>
    </message>
    <message>
        <source>Refund outcome unknown</source>
        <translation>نتيجة الاسترداد غير معروفة</translation>
    </message>
    <message>
        <source>The refund&apos;s answer is not recorded yet. Check Fatora&apos;s dashboard and use “Record refund outcome…” before refunding again.</source>
        <translation>لم يُسجَّل رد الاسترداد بعد. تحقّق من لوحة تحكم ⁦Fatora⁩ واستخدم «تسجيل نتيجة الاسترداد…» قبل الاسترداد مرة أخرى.</translation>
    </message>
    <message>
        <source>Fatora&apos;s answer did not arrive: %1. The money may have gone back: check Fatora&apos;s dashboard and use “Record refund outcome…” before refunding again.</source>
        <translation>لم يصل رد ⁦Fatora⁩: %1. ربما أُعيدت الأموال: تحقّق من لوحة تحكم ⁦Fatora⁩ واستخدم «تسجيل نتيجة الاسترداد…» قبل الاسترداد مرة أخرى.</translation>
    </message>
    <message>
        <source>Ask for a refund approval</source>
        <translation>طلب الموافقة على استرداد</translation>
    </message>
    <message>
        <source>Every refund needs a second supervisor&apos;s approval.</source>
        <translation>يتطلب كل استرداد موافقة مشرف ثانٍ.</translation>
    </message>
    <message>
        <source>Refunds above %1 need a second supervisor&apos;s approval.</source>
        <translation>تتطلب الاستردادات التي تتجاوز %1 موافقة مشرف ثانٍ.</translation>
    </message>
    <message>
        <source>Ask for a refund of &lt;b&gt;%1&lt;/b&gt; of order %2 to %3?</source>
        <translation>طلب استرداد &lt;b&gt;%1&lt;/b&gt; من الطلب %2 إلى %3؟</translation>
    </message>
    <message>
        <source>Nothing is sent now. Another supervisor approves the request under Payments → Refund requests, which sends the refund, or denies it.</source>
        <translation>لا يُرسل شيء الآن. يوافق مشرف آخر على الطلب من المدفوعات ← طلبات الاسترداد، فيُرسل الاسترداد، أو يرفضه.</translation>
    </message>
    <message>
        <source>Required: the supervisor who approves reads it.</source>
        <translation>مطلوب: يقرؤه المشرف الذي يوافق.</translation>
    </message>
    <message>
        <source>&amp;Ask for approval</source>
        <translation>&amp;طلب الموافقة</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>السبب</translation>
    </message>
    <message>
        <source>Waiting for approval</source>
        <translation>بانتظار الموافقة</translation>
    </message>
    <message>
        <source>Refund request %1 is in Payments → Refund requests. Nothing was sent: the refund leaves once another supervisor approves it.</source>
        <translation>طلب الاسترداد %1 موجود في المدفوعات ← طلبات الاسترداد. لم يُرسل شيء: يُرسل الاسترداد حين يوافق عليه مشرف آخر.</translation>
    </message>
    <message>
        <source>Reading the payment…</source>
        <translation>جارٍ قراءة الدفعة…</translation>
    </message>
</context>
<context>
    <name>fatora::RefundOutcomeDialog</name>
    <message>
        <source>A refund of order %1 was started but its answer was never recorded.</source>
        <translation>بدأ استرداد للطلب %1 لكن ردّه لم يُسجَّل قط.</translation>
    </message>
    <message>
        <source>Fatora&apos;s answer to the refund of order %1 did not arrive or could not be trusted.</source>
        <translation>رد ⁦Fatora⁩ على استرداد الطلب %1 لم يصل أو لا يمكن الوثوق به.</translation>
    </message>
    <message>
        <source>%1 charged to %2, transaction %3. Find the order in Fatora&apos;s dashboard and record what it shows; nothing is sent to Fatora.</source>
        <translation>حُصّل %1 من %2، العملية %3. ابحث عن الطلب في لوحة تحكم ⁦Fatora⁩ وسجّل ما تُظهره؛ لا يُرسل شيء إلى ⁦Fatora⁩.</translation>
    </message>
    <message>
        <source>Outcome: choose what Fatora&apos;s dashboard shows.</source>
        <translation>النتيجة: اختر ما تُظهره لوحة تحكم ⁦Fatora⁩.</translation>
    </message>
    <message>
        <source>Reason: say what Fatora&apos;s dashboard shows; it is kept in the audit log.</source>
        <translation>السبب: اذكر ما تُظهره لوحة تحكم ⁦Fatora⁩؛ يُحفظ في سجل التدقيق.</translation>
    </message>
    <message>
        <source>Record that order %1 &lt;b&gt;was refunded&lt;/b&gt;?</source>
        <translation>تسجيل أن الطلب %1 &lt;b&gt;تمّ استرداده&lt;/b&gt;؟</translation>
    </message>
    <message>
        <source>The history then shows the payment as refunded, and the desk never refunds it again.
Reason: %1</source>
        <translation>يُظهر السجلّ الدفعة حينها على أنها مستردة، ولن يستردها المكتب مرة أخرى أبدًا.
السبب: %1</translation>
    </message>
    <message>
        <source>Record that order %1 was &lt;b&gt;not refunded&lt;/b&gt;?</source>
        <translation>تسجيل أن الطلب %1 &lt;b&gt;لم يُسترد&lt;/b&gt;؟</translation>
    </message>
    <message>
        <source>The history then shows the refund as refused, and “Refund…” becomes available again: if Fatora did refund it, a second refund pays the money back twice.
Reason: %1</source>
        <translation>يُظهر السجلّ الاسترداد حينها على أنه مرفوض، ويصبح «استرداد…» متاحًا مرة أخرى: إن كانت ⁦Fatora⁩ قد استردته فعلًا، فإن استردادًا ثانيًا يعيد المبلغ مرتين.
السبب: %1</translation>
    </message>
    <message>
        <source>Reading the payment…</source>
        <translation>جارٍ قراءة الدفعة…</translation>
    </message>
</context>
<context>
    <name>fatora::RefundRequestTableModel</name>
    <message>
        <source>%1 on %2</source>
        <translation>%1 في %2</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>الرقم</translation>
    </message>
    <message>
        <source>Asked</source>
        <translation>وقت الطلب</translation>
    </message>
    <message>
        <source>Asked by</source>
        <translation>مقدّم الطلب</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>العميل</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>الطلب</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>المبلغ</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>السبب</translation>
    </message>
    <message>
        <source>State</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <source>Decided by</source>
        <translation>بتّ فيه</translation>
    </message>
    <message>
        <source>Decision note</source>
        <translation>ملاحظة القرار</translation>
    </message>
</context>
<context>
    <name>fatora::RefundRequestsWindow</name>
    <message>
        <source>Refunds are not reviewed on a database file: one person works here, with every right. On a shared database a refund above a limit waits for a second supervisor&apos;s approval.</source>
        <translation>لا تُراجَع الاستردادات في ملف قاعدة البيانات: يعمل هنا شخص واحد بكل الصلاحيات. في قاعدة البيانات المشتركة ينتظر الاسترداد الذي يتجاوز الحد موافقة مشرف ثانٍ.</translation>
    </message>
    <message>
        <source>Every refund needs a second supervisor&apos;s approval.</source>
        <translation>يتطلب كل استرداد موافقة مشرف ثانٍ.</translation>
    </message>
    <message>
        <source>Refunds above %1 (and refunds in another currency) need a second supervisor&apos;s approval; smaller ones are sent at once.</source>
        <translation>تتطلب الاستردادات التي تتجاوز %1 (والاستردادات بعملة أخرى) موافقة مشرف ثانٍ؛ أما الأصغر فتُرسل فورًا.</translation>
    </message>
    <message>
        <source>Select a request first.</source>
        <translation>اختر طلبًا أولًا.</translation>
    </message>
    <message>
        <source>Refund of order %1 sent; waiting for Fatora&apos;s answer. The history shows it even if you close this window.</source>
        <translation>أُرسل استرداد الطلب %1؛ بانتظار رد ⁦Fatora⁩. يظهر في السجل حتى لو أغلقت هذه النافذة.</translation>
    </message>
    <message>
        <source>Request %1 denied; nothing was sent.</source>
        <translation>رُفض الطلب %1؛ لم يُرسل شيء.</translation>
    </message>
    <message>
        <source>Approve and refund</source>
        <translation>موافقة واسترداد</translation>
    </message>
    <message>
        <source>Refund %1 of order %2 to %3 now?

Asked by %4: %5</source>
        <translation>استرداد %1 من الطلب %2 إلى %3 الآن؟

طلبه %4: %5</translation>
    </message>
    <message>
        <source>Approve and &amp;refund</source>
        <translation>موافقة و&amp;استرداد</translation>
    </message>
    <message>
        <source>Deny the refund</source>
        <translation>رفض الاسترداد</translation>
    </message>
    <message>
        <source>Why is the refund of %1 denied? %2 reads it.</source>
        <translation>لماذا يُرفض استرداد %1؟ سيقرأ %2 السبب.</translation>
    </message>
    <message>
        <source>Refund approval limit</source>
        <translation>حد الموافقة على الاسترداد</translation>
    </message>
    <message>
        <source>Refunds above this amount in QAR need a second supervisor&apos;s approval (0: every refund):</source>
        <translation>تتطلب الاستردادات التي تتجاوز هذا المبلغ بالريال القطري موافقة مشرف ثانٍ (0: كل استرداد):</translation>
    </message>
    <message>
        <source>Order %1 refunded: Fatora accepted the refund.</source>
        <translation>استُرد الطلب %1: قبلت ⁦Fatora⁩ الاسترداد.</translation>
    </message>
    <message>
        <source>Fatora refused the refund of order %1; no money moved. Asking again needs a new request.</source>
        <translation>رفضت ⁦Fatora⁩ استرداد الطلب %1؛ لم تنتقل أي أموال. تتطلب إعادة المحاولة طلبًا جديدًا.</translation>
    </message>
    <message>
        <source>The outcome of the refund of order %1 is unknown: check Fatora&apos;s dashboard and record it in the history before anything else.</source>
        <translation>نتيجة استرداد الطلب %1 غير معروفة: راجع لوحة تحكم ⁦Fatora⁩ وسجّلها في السجل قبل أي شيء آخر.</translation>
    </message>
    <message>
        <source>The refund of order %1 did not reach Fatora; no money moved. The approval was used: asking again needs a new request.</source>
        <translation>لم يصل استرداد الطلب %1 إلى ⁦Fatora⁩؛ لم تنتقل أي أموال. استُخدمت الموافقة: تتطلب إعادة المحاولة طلبًا جديدًا.</translation>
    </message>
    <message>
        <source>Refund request %1 is not in the list.</source>
        <translation>طلب الاسترداد %1 ليس في القائمة.</translation>
    </message>
</context>
<context>
    <name>fatora::RevokeDialog</name>
    <message>
        <source>Revoke %1&apos;s card &lt;b&gt;%2&lt;/b&gt;?</source>
        <translation>إبطال بطاقة %1 &lt;b&gt;%2&lt;/b&gt;؟</translation>
    </message>
    <message>
        <source>&amp;Retry revoke</source>
        <translation>إ&amp;عادة محاولة الإبطال</translation>
    </message>
    <message>
        <source>Reason: say why this card is revoked; it is kept in the audit log.</source>
        <translation>السبب: اذكر سبب إبطال هذه البطاقة؛ يُحفظ في سجل التدقيق.</translation>
    </message>
    <message>
        <source>Revoking…</source>
        <translation>جارٍ الإبطال…</translation>
    </message>
    <message>
        <source>Fatora is asked to deactivate the card. The card cannot be charged from now on, whatever the answer.</source>
        <translation>طُلب من ⁦Fatora⁩ تعطيل البطاقة. لا يمكن التحصيل منها من الآن فصاعدًا، أيًّا كان الرد.</translation>
    </message>
    <message>
        <source>Deactivated</source>
        <translation>معطّلة</translation>
    </message>
    <message>
        <source>Fatora confirmed: this card can never be charged again.</source>
        <translation>أكدت ⁦Fatora⁩: لا يمكن التحصيل من هذه البطاقة مرة أخرى.</translation>
    </message>
    <message>
        <source>Revoke pending</source>
        <translation>قيد الإبطال</translation>
    </message>
    <message>
        <source>Fatora did not confirm the revoke. The card stays revoke pending and cannot be charged. Retry now or later with “Revoke token…”.</source>
        <translation>لم تؤكد ⁦Fatora⁩ الإبطال. تبقى البطاقة «قيد الإبطال» ولا يمكن التحصيل منها. أعد المحاولة الآن أو لاحقًا عبر «إبطال البطاقة…».</translation>
    </message>
    <message>
        <source>Reading the card…</source>
        <translation>جارٍ قراءة البطاقة…</translation>
    </message>
</context>
<context>
    <name>fatora::SecretStore</name>
    <message numerus="yes">
        <source>the system keychain did not answer within %n second(s)</source>
        <translation>
            <numerusform>لم تُجب سلسلة مفاتيح النظام خلال %n ثانية</numerusform>
            <numerusform>لم تُجب سلسلة مفاتيح النظام خلال ثانية واحدة</numerusform>
            <numerusform>لم تُجب سلسلة مفاتيح النظام خلال ثانيتين</numerusform>
            <numerusform>لم تُجب سلسلة مفاتيح النظام خلال %n ثوانٍ</numerusform>
            <numerusform>لم تُجب سلسلة مفاتيح النظام خلال %n ثانية</numerusform>
            <numerusform>لم تُجب سلسلة مفاتيح النظام خلال %n ثانية</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fatora::SettingsDialog</name>
    <message>
        <source>Base URL</source>
        <translation>عنوان الخادم</translation>
    </message>
    <message>
        <source>Timeout</source>
        <translation>مهلة الانتظار</translation>
    </message>
    <message>
        <source>Default currency</source>
        <translation>العملة الافتراضية</translation>
    </message>
    <message>
        <source>Operator name</source>
        <translation>اسم الموظف</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>اللغة</translation>
    </message>
    <message>
        <source>System</source>
        <translation>لغة النظام</translation>
    </message>
    <message>
        <source>Sandbox: the local simulator answers with its own key. No real money moves.</source>
        <translation>بيئة تجريبية: يجيب المحاكي المحلي بمفتاحه الخاص. لا تُنقل أموال حقيقية.</translation>
    </message>
    <message>
        <source>The key comes from the FATORA_API_KEY environment variable and is not stored.</source>
        <translation>المفتاح مأخوذ من متغير البيئة FATORA_API_KEY ولا يُحفظ.</translation>
    </message>
    <message>
        <source>Kept in the system keychain; never in the database, settings files or logs.</source>
        <translation>محفوظ في سلسلة مفاتيح النظام؛ ولا يُكتب أبدًا في قاعدة البيانات أو ملفات الإعدادات أو السجلات.</translation>
    </message>
    <message>
        <source>Kept for this run only.</source>
        <translation>محفوظ لهذه الجلسة فقط.</translation>
    </message>
    <message>
        <source>Base URL: enter an address such as https://api.fatora.io.</source>
        <translation>عنوان الخادم: أدخل عنوانًا مثل https://api.fatora.io.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>API key: enter the merchant key first.</source>
        <translation>مفتاح API: أدخل مفتاح التاجر أولًا.</translation>
    </message>
    <message>
        <source>Asking Fatora…</source>
        <translation>جارٍ سؤال ⁦Fatora⁩…</translation>
    </message>
    <message>
        <source>The key works: Fatora answered for a test order that does not exist.</source>
        <translation>المفتاح يعمل: ردّت ⁦Fatora⁩ على طلب اختباري غير موجود.</translation>
    </message>
    <message>
        <source>Fatora refused the key (401 invalid key). Check the API key.</source>
        <translation>رفضت ⁦Fatora⁩ المفتاح (401 مفتاح غير صالح). تحقّق من مفتاح API.</translation>
    </message>
    <message>
        <source>The key is inactive (403). Activate it in the Fatora dashboard or use another key.</source>
        <translation>المفتاح غير مفعّل (403). فعّله من لوحة تحكم ⁦Fatora⁩ أو استخدم مفتاحًا آخر.</translation>
    </message>
    <message>
        <source>Could not reach Fatora: %1. Check the base URL and the network.</source>
        <translation>تعذّر الوصول إلى ⁦Fatora⁩: %1. تحقّق من عنوان الخادم والشبكة.</translation>
    </message>
    <message>
        <source>Unexpected answer (HTTP %1): %2</source>
        <translation>رد غير متوقع (HTTP %1): %2</translation>
    </message>
    <message>
        <source>The system keychain is not available (%1): the key is kept for this run only. Set FATORA_API_KEY to supply it at start-up instead.</source>
        <translation>سلسلة مفاتيح النظام غير متاحة (%1): يُحفظ المفتاح لهذه الجلسة فقط. اضبط FATORA_API_KEY لتزويده عند بدء التشغيل بدلًا من ذلك.</translation>
    </message>
    <message>
        <source>Saving the API key in the system keychain…</source>
        <translation>جارٍ حفظ مفتاح API في سلسلة مفاتيح النظام…</translation>
    </message>
    <message>
        <source>Set FATORA_API_KEY to supply it at start-up instead.</source>
        <translation>اضبط FATORA_API_KEY لتزويده عند بدء التشغيل بدلًا من ذلك.</translation>
    </message>
    <message>
        <source>Merchant name on receipts</source>
        <translation>اسم التاجر على الإيصالات</translation>
    </message>
    <message>
        <source>Printed at the top of receipts</source>
        <translation>يُطبع أعلى الإيصالات</translation>
    </message>
    <message>
        <source>&amp;Merchant name:</source>
        <translation>اسم ال&amp;تاجر:</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>قاعدة البيانات</translation>
    </message>
    <message>
        <source>The database password was not stored: no keychain is available here. Set FATORA_DATABASE_PASSWORD, or enter it when the desk asks at start-up.</source>
        <translation>لم تُحفظ كلمة مرور قاعدة البيانات: لا تتوفر سلسلة مفاتيح هنا. اضبط FATORA_DATABASE_PASSWORD، أو أدخلها حين يطلبها المكتب عند بدء التشغيل.</translation>
    </message>
    <message>
        <source>The system keychain could not store the database password (%1). Set FATORA_DATABASE_PASSWORD, or enter it when the desk asks at start-up.</source>
        <translation>تعذّر على سلسلة مفاتيح النظام حفظ كلمة مرور قاعدة البيانات (%1). اضبط FATORA_DATABASE_PASSWORD، أو أدخلها حين يطلبها المكتب عند بدء التشغيل.</translation>
    </message>
    <message>
        <source>no keychain stores it</source>
        <translation>لا توجد سلسلة مفاتيح تحفظها</translation>
    </message>
    <message>
        <source>Sandbox: the demo data has its own database file. No real money moves.</source>
        <translation>بيئة تجريبية: للبيانات التجريبية ملف قاعدة بيانات خاص بها. لا تُنقل أموال حقيقية.</translation>
    </message>
    <message>
        <source>In use now: %1.</source>
        <translation>المستخدمة الآن: %1.</translation>
    </message>
    <message>
        <source>It was named by --database, which wins over this page.</source>
        <translation>حدّدها الخيار ⁦--database⁩، وهو مقدَّم على هذه الصفحة.</translation>
    </message>
    <message>
        <source>It was named by FATORA_DATABASE, which wins over this page.</source>
        <translation>حدّدها المتغير FATORA_DATABASE، وهو مقدَّم على هذه الصفحة.</translation>
    </message>
    <message>
        <source>A change here takes effect the next time the desk starts.</source>
        <translation>يسري أي تغيير هنا عند بدء تشغيل المكتب في المرة القادمة.</translation>
    </message>
    <message>
        <source>Success page</source>
        <translation>صفحة النجاح</translation>
    </message>
    <message>
        <source>Failure page</source>
        <translation>صفحة الفشل</translation>
    </message>
    <message>
        <source>Wait for payment up to</source>
        <translation>انتظار الدفع حتى</translation>
    </message>
    <message>
        <source>Sandbox: left empty, the simulator&apos;s demo shop pages are used.</source>
        <translation>بيئة التجربة: إن تُركتا فارغتين تُستخدم صفحات المتجر التجريبي في المحاكي.</translation>
    </message>
    <message>
        <source>On a shared database every payment and audit entry names the login that signed in (%1); the database writes it.</source>
        <translation>في قاعدة البيانات المشتركة تذكر كل دفعة وكل قيد في سجل التدقيق اسم الدخول الذي دخلت به (%1)؛ وتكتبه قاعدة البيانات بنفسها.</translation>
    </message>
    <message>
        <source>On a database file every payment and audit entry names this computer&apos;s login (%1). Give each person their own account on this computer, or move to a shared database for staff accounts.</source>
        <translation>في ملف قاعدة البيانات تذكر كل دفعة وكل قيد في سجل التدقيق اسم الدخول إلى هذا الحاسوب (%1). أنشئ لكل شخص حسابًا خاصًا به على هذا الحاسوب، أو انتقل إلى قاعدة بيانات مشتركة لحسابات الموظفين.</translation>
    </message>
</context>
<context>
    <name>fatora::SimulatorSandbox</name>
    <message>
        <source>The gateway simulator could not listen on 127.0.0.1.</source>
        <translation>تعذّر على محاكي البوابة الاستماع على 127.0.0.1.</translation>
    </message>
</context>
<context>
    <name>fatora::SqliteStore</name>
    <message>
        <source>No database file was given.</source>
        <translation>لم يُحدَّد ملف قاعدة بيانات.</translation>
    </message>
    <message>
        <source>The folder %1 does not exist.</source>
        <translation>المجلد %1 غير موجود.</translation>
    </message>
    <message>
        <source>The database %1 was written by a newer version of Fatora Back Office (schema %2); this version understands up to %3; nothing was changed. Install the newer version to use it.</source>
        <translation>كُتبت قاعدة البيانات %1 بإصدار أحدث من المكتب الخلفي لـ ⁦Fatora⁩ (المخطط %2)؛ يفهم هذا الإصدار حتى %3؛ لم يُغيَّر أي شيء. ثبّت الإصدار الأحدث لاستخدامها.</translation>
    </message>
    <message>
        <source>A step of this change failed, so none of it was saved.</source>
        <translation>فشلت خطوة من هذا التغيير، لذلك لم يُحفظ أي جزء منه.</translation>
    </message>
    <message>
        <source>This card token is already on file.</source>
        <translation>رمز البطاقة هذا محفوظ بالفعل.</translation>
    </message>
    <message>
        <source>A payment with order id %1 already exists; an order id is never used twice.</source>
        <translation>توجد دفعة برقم الطلب %1 بالفعل؛ لا يُستخدم رقم الطلب مرتين أبدًا.</translation>
    </message>
    <message>
        <source>The database %1 has schema version %2, which no version of Fatora Back Office writes: the file is damaged or belongs to another program; nothing was changed. Restore it from a backup, or choose another file.</source>
        <translation>إصدار مخطط قاعدة البيانات %1 هو %2، ولا يكتبه أي إصدار من المكتب الخلفي لـ ⁦Fatora⁩: الملف تالف أو يخص برنامجًا آخر؛ لم يُغيَّر أي شيء. استعِده من نسخة احتياطية، أو اختر ملفًا آخر.</translation>
    </message>
    <message>
        <source>The database %1 is read-only for this user and needs upgrading to schema %2 first: open it once with write access. Nothing was changed.</source>
        <translation>قاعدة البيانات %1 للقراءة فقط لهذا المستخدم، ويجب ترقيتها أولًا إلى المخطط %2: افتحها مرة واحدة بصلاحية الكتابة. لم يُغيَّر أي شيء.</translation>
    </message>
    <message>
        <source>The database file is read-only for this user: nothing was written. Ask for write access to it, or work on a copy.</source>
        <translation>ملف قاعدة البيانات للقراءة فقط لهذا المستخدم: لم يُكتب أي شيء. اطلب صلاحية الكتابة عليه، أو اعمل على نسخة منه.</translation>
    </message>
    <message>
        <source>The disk may be full or failing: free some space (or check the disk), then try again.</source>
        <translation>ربما القرص ممتلئ أو معطوب: حرّر بعض المساحة (أو افحص القرص)، ثم حاول مرة أخرى.</translation>
    </message>
    <message>
        <source>Check that the file and its folder exist and that this user may read and write them.</source>
        <translation>تأكّد من وجود الملف ومجلده، ومن أن لهذا المستخدم صلاحية القراءة منهما والكتابة فيهما.</translation>
    </message>
    <message>
        <source>This card already has a charge in flight or awaiting verification: settle that one first. Nothing was saved.</source>
        <translation>لهذه البطاقة تحصيل جارٍ أو بانتظار التحقق: احسمه أولًا. لم يُحفظ أي شيء.</translation>
    </message>
    <message>
        <source>This database holds more than one open charge on one card (orders %1), which this version no longer allows: one of them could charge the card twice. Nothing was changed. Verify or close those charges with the version that wrote the file, then open it here again.</source>
        <translation>تحتوي قاعدة البيانات هذه على أكثر من تحصيل مفتوح على بطاقة واحدة (الطلبات %1)، وهو ما لم يعد هذا الإصدار يسمح به: قد يؤدي أحدها إلى التحصيل من البطاقة مرتين. لم يُغيَّر شيء. تحقّق من تلك التحصيلات أو أغلقها بالإصدار الذي كتب الملف، ثم افتحه هنا مرة أخرى.</translation>
    </message>
    <message>
        <source>%1 is not a Fatora Back Office database: it holds tables of another program (%2). Nothing was changed. Choose another file, or a new one.</source>
        <translation>الملف %1 ليس قاعدة بيانات المكتب الخلفي لـ ⁦Fatora⁩: فيه جداول برنامج آخر (%2). لم يُغيَّر شيء. اختر ملفًا آخر أو ملفًا جديدًا.</translation>
    </message>
</context>
<context>
    <name>fatora::StaffMember</name>
    <message>
        <source>clerk</source>
        <translation>موظف صندوق</translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation>مشرف</translation>
    </message>
    <message>
        <source>administrator</source>
        <translation>مدير النظام</translation>
    </message>
</context>
<context>
    <name>fatora::StaffPassword</name>
    <message>
        <source>the new password is too short: use at least %1 characters.</source>
        <translation>كلمة المرور الجديدة قصيرة جدًا: استخدم %1 حرفًا على الأقل.</translation>
    </message>
    <message>
        <source>the new password holds an invisible or control character; type it again with letters, digits, spaces and punctuation only.</source>
        <translation>تحتوي كلمة المرور الجديدة على حرف غير مرئي أو حرف تحكم؛ اكتبها مرة أخرى بالحروف والأرقام والمسافات وعلامات الترقيم فقط.</translation>
    </message>
    <message>
        <source>the new password must not contain the login name.</source>
        <translation>يجب ألا تحتوي كلمة المرور الجديدة على اسم الدخول.</translation>
    </message>
</context>
<context>
    <name>fatora::StaffRights</name>
    <message>
        <source>%1 is not staff of this database; ask an administrator to add them.</source>
        <translation>%1 ليس من موظفي قاعدة البيانات هذه؛ اطلب من مدير النظام إضافته.</translation>
    </message>
    <message>
        <source>%1&apos;s account is disabled.</source>
        <translation>حساب %1 معطَّل.</translation>
    </message>
    <message>
        <source>%1 must first replace the one-time password with their own.</source>
        <translation>على %1 أولًا استبدال كلمة المرور المؤقتة بكلمة مرور خاصة به.</translation>
    </message>
    <message>
        <source>%1 signs in as a %2.</source>
        <translation>يدخل %1 بصفة %2.</translation>
    </message>
    <message>
        <source>%1 needs the %2 role; %3</source>
        <translation>%1 يتطلب دور %2؛ %3</translation>
    </message>
    <message>
        <source>Finding customers</source>
        <translation>البحث عن العملاء</translation>
    </message>
    <message>
        <source>Viewing the history</source>
        <translation>عرض السجل</translation>
    </message>
    <message>
        <source>Charging a card</source>
        <translation>الخصم من بطاقة</translation>
    </message>
    <message>
        <source>Verifying a payment</source>
        <translation>التحقق من دفعة</translation>
    </message>
    <message>
        <source>Revoking a card</source>
        <translation>إلغاء بطاقة</translation>
    </message>
    <message>
        <source>Refunding a payment</source>
        <translation>استرداد دفعة</translation>
    </message>
    <message>
        <source>Closing a charge as not charged</source>
        <translation>إغلاق خصم على أنه لم يُخصم</translation>
    </message>
    <message>
        <source>Recording a refund&apos;s outcome</source>
        <translation>تسجيل نتيجة استرداد</translation>
    </message>
    <message>
        <source>Adding or editing customers</source>
        <translation>إضافة العملاء أو تعديلهم</translation>
    </message>
    <message>
        <source>Adding a card by hand</source>
        <translation>إضافة بطاقة يدويًا</translation>
    </message>
    <message>
        <source>Importing customers and cards</source>
        <translation>استيراد العملاء والبطاقات</translation>
    </message>
    <message>
        <source>Exporting the history</source>
        <translation>تصدير السجل</translation>
    </message>
    <message>
        <source>Billing runs</source>
        <translation>دفعات الفوترة</translation>
    </message>
    <message>
        <source>Managing staff</source>
        <translation>إدارة الموظفين</translation>
    </message>
    <message>
        <source>Reading everyone&apos;s activity</source>
        <translation>الاطلاع على نشاط الجميع</translation>
    </message>
    <message>
        <source>Changing the desk&apos;s gateway settings</source>
        <translation>تغيير إعدادات البوابة في هذا المكتب</translation>
    </message>
    <message>
        <source>Approving or denying a refund request</source>
        <translation>الموافقة على طلب استرداد أو رفضه</translation>
    </message>
    <message>
        <source>Setting the refund approval limit</source>
        <translation>تحديد حد الموافقة على الاسترداد</translation>
    </message>
</context>
<context>
    <name>fatora::StaffService</name>
    <message>
        <source>a login is 2 to 40 small letters, digits, dots, dashes or underscores, starting with a letter (for example amal.k).</source>
        <translation>اسم الدخول من 2 إلى 40 حرفًا لاتينيًا صغيرًا أو رقمًا أو نقطة أو شرطة أو شرطة سفلية، ويبدأ بحرف (مثل amal.k).</translation>
    </message>
    <message>
        <source>logins starting with &quot;pg_&quot; or &quot;fatora_&quot; are kept for the server and for this application&apos;s roles; choose another.</source>
        <translation>أسماء الدخول التي تبدأ بـ &quot;pg_&quot; أو &quot;fatora_&quot; محجوزة للخادم ولأدوار هذا التطبيق؛ اختر اسمًا آخر.</translation>
    </message>
    <message>
        <source>your own role is changed by another administrator.</source>
        <translation>يغيّر دورَك مديرُ نظام آخر.</translation>
    </message>
    <message>
        <source>you are disabled or enabled by another administrator.</source>
        <translation>يعطّل حسابك أو يفعّله مديرُ نظام آخر.</translation>
    </message>
    <message>
        <source>the two new passwords differ; type the same password twice.</source>
        <translation>كلمتا المرور الجديدتان مختلفتان؛ اكتب كلمة المرور نفسها مرتين.</translation>
    </message>
</context>
<context>
    <name>fatora::StaffWindow</name>
    <message>
        <source>Login</source>
        <translation>اسم الدخول</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>الدور</translation>
    </message>
    <message>
        <source>State</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>أضيف في</translation>
    </message>
    <message>
        <source>Added by</source>
        <translation>أضافه</translation>
    </message>
    <message>
        <source>Last activity</source>
        <translation>آخر نشاط</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>معطَّل</translation>
    </message>
    <message>
        <source>one-time password</source>
        <translation>كلمة مرور مؤقتة</translation>
    </message>
    <message>
        <source>active</source>
        <translation>نشط</translation>
    </message>
    <message>
        <source>none</source>
        <translation>بلا دور</translation>
    </message>
    <message>
        <source>never</source>
        <translation>أبدًا</translation>
    </message>
    <message>
        <source>&amp;Enable</source>
        <translation>ت&amp;فعيل</translation>
    </message>
    <message>
        <source>&amp;Disable</source>
        <translation>ت&amp;عطيل</translation>
    </message>
    <message>
        <source>%1 is now a %2; their desk applies it at its next sign-in.</source>
        <translation>أصبح %1 %2؛ يطبّق مكتبه ذلك عند دخوله التالي.</translation>
    </message>
    <message>
        <source>%1 may sign in again.</source>
        <translation>يمكن لـ %1 الدخول مرة أخرى.</translation>
    </message>
    <message>
        <source>%1 can no longer sign in; their open desks lost every right. Their history stays.</source>
        <translation>لم يعد بإمكان %1 الدخول، وفقدت مكاتبه المفتوحة كل الصلاحيات. يبقى سجله كما هو.</translation>
    </message>
    <message>
        <source>%1 was added as a %2. Give them the one-time password in person: it is shown only now.</source>
        <translation>أضيف %1 بصفة %2. سلّمه كلمة المرور المؤقتة شخصيًا: لن تظهر إلا الآن.</translation>
    </message>
    <message>
        <source>One-time password for %1:</source>
        <translation>كلمة المرور المؤقتة لـ %1:</translation>
    </message>
</context>
<context>
    <name>fatora::Store</name>
    <message>
        <source>Staff accounts live on a shared database (PostgreSQL). On a database file everyone at this computer works as its administrator; move the desk to a shared database to give each person their own login and role.</source>
        <translation>حسابات الموظفين موجودة في قاعدة بيانات مشتركة (PostgreSQL). في ملف قاعدة البيانات يعمل كل من يستخدم هذا الحاسوب بصفة مدير النظام؛ انقل المكتب إلى قاعدة بيانات مشتركة ليحصل كل شخص على اسم دخول ودور خاصين به.</translation>
    </message>
</context>
<context>
    <name>fatora::StoreLocation</name>
    <message>
        <source>A database address starting with &quot;%1:&quot; is not one this application opens: give a file, or postgresql://user@host:5432/database.</source>
        <translation>لا يفتح هذا البرنامج عنوان قاعدة بيانات يبدأ بـ &quot;%1:&quot;: أعطِ ملفًا، أو ⁦postgresql://user@host:5432/database⁩.</translation>
    </message>
    <message>
        <source>Only a shared server&apos;s connection can be tested.</source>
        <translation>لا يمكن اختبار الاتصال إلا بخادم مشترك.</translation>
    </message>
</context>
<context>
    <name>fatora::TokenDialog</name>
    <message>
        <source>Shown in lists as %1</source>
        <translation>يظهر في القوائم هكذا: %1</translation>
    </message>
    <message>
        <source>Save a card for %1. Paste the card token exactly as Fatora gave it after the customer paid online and agreed to keep the card on file.</source>
        <translation>حفظ بطاقة للعميل %1. الصق رمز البطاقة كما أعطته ⁦Fatora⁩ تمامًا بعد أن دفع العميل عبر الإنترنت ووافق على حفظ بطاقته.</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>رمز البطاقة</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>التسمية</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>تاريخ الإصدار</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>تاريخ الانتهاء</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>العملة</translation>
    </message>
    <message>
        <source>First payment</source>
        <translation>مبلغ الدفعة الأولى</translation>
    </message>
</context>
<context>
    <name>fatora::TokenTableModel</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>غير معروف</translation>
    </message>
    <message>
        <source>never</source>
        <translation>أبدًا</translation>
    </message>
    <message>
        <source>This card stops working on %1: ask the customer for a new payment with a saved card.</source>
        <translation>تتوقف هذه البطاقة عن العمل في %1: اطلب من العميل دفعة جديدة مع حفظ البطاقة.</translation>
    </message>
    <message>
        <source>Only the last four characters are shown.</source>
        <translation>تظهر آخر أربعة أحرف فقط.</translation>
    </message>
    <message>
        <source>Since %1</source>
        <translation>منذ %1</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>التسمية</translation>
    </message>
    <message>
        <source>Card token</source>
        <translation>رمز البطاقة</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>الإصدار</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>تنتهي</translation>
    </message>
    <message>
        <source>First payment</source>
        <translation>الدفعة الأولى</translation>
    </message>
    <message>
        <source>Last use</source>
        <translation>آخر استخدام</translation>
    </message>
    <message>
        <source>Charge in flight</source>
        <translation>تحصيل جارٍ</translation>
    </message>
    <message>
        <source>Charge awaiting verification</source>
        <translation>تحصيل بانتظار التحقق</translation>
    </message>
    <message>
        <source>Charge %1 is in flight; wait for its result.</source>
        <translation>التحصيل %1 جارٍ؛ انتظر نتيجته.</translation>
    </message>
    <message>
        <source>The outcome of charge %1 is unknown: verify it before this card can be charged again.</source>
        <translation>نتيجة التحصيل %1 غير معروفة: تحقّق منها قبل أن يمكن التحصيل من هذه البطاقة مرة أخرى.</translation>
    </message>
</context>
<context>
    <name>fatora::VerifyReplyCheck</name>
    <message>
        <source>The reply is not a verify reply.</source>
        <translation>الرد ليس ردًا على طلب تحقّق.</translation>
    </message>
    <message>
        <source>The verify call did not succeed (%1).</source>
        <translation>لم ينجح طلب التحقّق (%1).</translation>
    </message>
    <message>
        <source>the reply gives %1 twice</source>
        <translation>يذكر الرد %1 مرتين</translation>
    </message>
    <message>
        <source>the reply&apos;s order id was unreadable (too long or with control characters), the charge&apos;s is %1</source>
        <translation>رقم الطلب في الرد غير مقروء (طويل جدًا أو فيه أحرف تحكم)، ورقم طلب التحصيل %1</translation>
    </message>
    <message>
        <source>the reply names no order id, the charge&apos;s is %1</source>
        <translation>لا يذكر الرد رقم طلب، ورقم طلب التحصيل %1</translation>
    </message>
    <message>
        <source>the reply is about order %1, the charge is %2</source>
        <translation>الرد يخص الطلب %1، والتحصيل يخص الطلب %2</translation>
    </message>
    <message>
        <source>the reply&apos;s transaction id was unreadable, the charge&apos;s is %1</source>
        <translation>رقم العملية في الرد غير مقروء، ورقم عملية التحصيل %1</translation>
    </message>
    <message>
        <source>the reply names transaction %1, the charge&apos;s is %2</source>
        <translation>يذكر الرد العملية %1، وعملية التحصيل %2</translation>
    </message>
    <message>
        <source>the gateway reports the currency %1, the charge was in %2</source>
        <translation>تفيد البوابة بالعملة %1، والتحصيل كان بعملة %2</translation>
    </message>
    <message>
        <source>the gateway reports the amount %1, which is not an amount in %2; the charge was %2 %3</source>
        <translation>تفيد البوابة بالمبلغ %1، وهو ليس مبلغًا صالحًا بعملة %2؛ والتحصيل كان %2 %3</translation>
    </message>
    <message>
        <source>the gateway reports %1 %2, the charge was %1 %3</source>
        <translation>تفيد البوابة بـ %1 %2، والتحصيل كان %1 %3</translation>
    </message>
    <message>
        <source>the payment status is %1, neither SUCCESS nor FAILURE</source>
        <translation>حالة الدفع %1، لا SUCCESS ولا FAILURE</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>مفقودة</translation>
    </message>
    <message>
        <source>The verify reply does not settle the charge: %1.</source>
        <extracomment>The problems found, joined by &quot;; &quot;, each starting in lower case.</extracomment>
        <translation>رد التحقّق لا يحسم التحصيل: %1.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Fatora Back Office</source>
        <translation>المكتب الخلفي لـ ⁦Fatora⁩</translation>
    </message>
    <message>
        <source>Charge saved card tokens through Fatora, revoke them and follow every payment.</source>
        <translation>التحصيل من البطاقات المحفوظة عبر ⁦Fatora⁩، وإبطالها، ومتابعة كل دفعة.</translation>
    </message>
    <message>
        <source>Use the local simulator and a separate demo database: no real money moves.</source>
        <translation>استخدام المحاكي المحلي وقاعدة بيانات تجريبية منفصلة: لا تُنقل أموال حقيقية.</translation>
    </message>
    <message>
        <source>Language: system, en or ar (overrides the settings).</source>
        <translation>اللغة: system أو en أو ar (تتجاوز الإعدادات).</translation>
    </message>
    <message>
        <source>--language: use system, en or ar, not “%1”.</source>
        <translation>--language: استخدم system أو en أو ar، وليس «%1».</translation>
    </message>
    <message>
        <source>Cannot open the database %1: %2</source>
        <translation>تعذّر فتح قاعدة البيانات %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>Payments in flight when the desk last stopped: %n. Their outcome is unknown: verify them (Tools → Reconcile pending payments).</source>
        <translation>
            <numerusform>الدفعات التي كانت جارية عند آخر إيقاف للمكتب: %n. نتيجتها غير معروفة: تحقّق منها (أدوات ← مطابقة الدفعات المعلّقة).</numerusform>
            <numerusform>الدفعات التي كانت جارية عند آخر إيقاف للمكتب: %n. نتيجتها غير معروفة: تحقّق منها (أدوات ← مطابقة الدفعات المعلّقة).</numerusform>
            <numerusform>الدفعات التي كانت جارية عند آخر إيقاف للمكتب: %n. نتيجتها غير معروفة: تحقّق منها (أدوات ← مطابقة الدفعات المعلّقة).</numerusform>
            <numerusform>الدفعات التي كانت جارية عند آخر إيقاف للمكتب: %n. نتيجتها غير معروفة: تحقّق منها (أدوات ← مطابقة الدفعات المعلّقة).</numerusform>
            <numerusform>الدفعات التي كانت جارية عند آخر إيقاف للمكتب: %n. نتيجتها غير معروفة: تحقّق منها (أدوات ← مطابقة الدفعات المعلّقة).</numerusform>
            <numerusform>الدفعات التي كانت جارية عند آخر إيقاف للمكتب: %n. نتيجتها غير معروفة: تحقّق منها (أدوات ← مطابقة الدفعات المعلّقة).</numerusform>
        </translation>
    </message>
    <message>
        <source>Use this database: a file, or postgresql://user@host:port/name for a server several desks share (its password: $FATORA_DATABASE_PASSWORD).</source>
        <translation>استخدم قاعدة البيانات هذه: ملفًا، أو ⁦postgresql://user@host:port/name⁩ لخادم تتشاركه عدة مكاتب (كلمة مروره في ⁦$FATORA_DATABASE_PASSWORD⁩).</translation>
    </message>
    <message>
        <source>%1 signed in with a one-time password: choose your own first (&quot;fatora-cli staff password&quot;).</source>
        <translation>دخل %1 بكلمة مرور مؤقتة: اختر أولًا كلمة مرور خاصة بك (&quot;fatora-cli staff password&quot;).</translation>
    </message>
    <message>
        <source>No password of your own was chosen: the desk does nothing for a one-time password.</source>
        <translation>لم تُختر كلمة مرور خاصة بك: لا يقوم المكتب بأي عمل بكلمة مرور مؤقتة.</translation>
    </message>
</context>
</TS>
