import streamlit as st
st.title('overzicht')
st.info('Deze pagina wordt nog gebouwd.')
