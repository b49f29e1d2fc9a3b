-- Demo accounts (profile demo only), all with the password chibo-demo-2026. Their units are created by the
-- demo seeder with the same fixed ids (DemoProvince).
INSERT INTO account (username, password_hash, full_name, role, unit_id, created_by) VALUES
    ('tinhuy',  '$2a$10$.pWrSBEoucwNV.445D29j../VvFTJzlb1irriFucXmNoHx2tnrVpy', 'Ban Tổ chức Tỉnh ủy (demo)', 'PROVINCE',  '10000000-0000-4000-8000-000000000000', 'demo'),
    ('danguy',  '$2a$10$.pWrSBEoucwNV.445D29j../VvFTJzlb1irriFucXmNoHx2tnrVpy', 'Đảng ủy xã Tân Phước (demo)', 'COMMITTEE', '20000000-0000-4000-8000-000000000001', 'demo'),
    ('chibo',   '$2a$10$.pWrSBEoucwNV.445D29j../VvFTJzlb1irriFucXmNoHx2tnrVpy', 'Bí thư Chi bộ ấp Bình Minh (demo)', 'CELL', '30000000-0000-4000-8000-000000000001', 'demo'),
    ('kiemtra', '$2a$10$.pWrSBEoucwNV.445D29j../VvFTJzlb1irriFucXmNoHx2tnrVpy', 'Ủy ban Kiểm tra Tỉnh ủy (demo)', 'AUDITOR', '10000000-0000-4000-8000-000000000000', 'demo')
ON CONFLICT (username) DO NOTHING;
