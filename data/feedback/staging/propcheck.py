import json,glob,re,sys
STOP=set("Tôi Em Chúng Công Cty Cơ Hai Ba Một Khi Trước Sau Giờ Mình Vợ Chồng Con Bạn Anh Chị Ngày Tháng Năm Hôm Hơn Gần Khoảng Từ Trong Ở Tụi Còn Việc Luật Nhà Người Có Là Mọi Nếu Như Vậy Bên Đến Xin Hiện Đã Đầu Cuối Sáng Chiều Tối Trưa Đêm Mới Lúc Nhưng Vì Do Mỗi Cả Nay Nên Giám Việt Nam TP HCM BHXH BHYT Tết Hà Nội Sài Gòn KCN Quốc Hàn Nhật Đài Loan Trung Bình Dương Đồng Nai Tân Thành Phố Bệnh Viện Sở Lao Động Thương Binh Xã Hội Liên Đoàn Tổng Giám Đốc Thủ Đức Long An".split())
def props(t):
    return {x for x in re.findall(r"\S+",t) if x[0].isupper() and x.strip(',.;:!?()"\'') not in STOP and len(x.strip(',.;:!?()"\''))>2} and {x.strip(',.;:!?()"\'') for x in re.findall(r"\S+",t) if x[0].isupper()} - STOP
ho=[json.loads(l) for l in open('/tmp/corpus/base/holdout.jsonl')]
hp=[(h,props(h['text'])) for h in ho]
n=0
for fn in sorted(glob.glob('/tmp/corpus/b*.tsv')):
    for ln,l in enumerate(open(fn),1):
        p=l.rstrip('\n').split('\t')
        if len(p)!=5: continue
        pp={x for x in props(p[4]) if len(x)>2}
        for h,hs in hp:
            c=pp&hs
            if len(c)>=2:
                n+=1
                if n<=40: print(f"{fn[-7:]}:{ln} {sorted(c)} | {p[4][:50]} || {h['id']} {h['text'][:50]}")
print('total',n)
